#!/usr/bin/env python3
"""map() stops at the first error; imap() goes on after one, but only in chunks of one."""

import multiprocessing


def check(n):
    if n in (3, 7):
        raise ValueError(f"bad input {n}")
    return n


def collect(results):
    """Every result of an imap() iterator, with the errors in their place."""
    collected = []
    while True:
        try:
            collected.append(next(results))
        except StopIteration:
            return collected
        except ValueError as error:
            collected.append(str(error))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(check, range(10))
        except ValueError:
            print("map: raised ValueError, no results at all")
        print("imap, chunksize=1:", collect(pool.imap(check, range(10))))
        print("imap, chunksize=2:", collect(pool.imap(check, range(10), chunksize=2)))
