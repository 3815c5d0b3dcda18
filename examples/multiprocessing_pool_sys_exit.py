#!/usr/bin/env python3
"""sys.exit() in a Pool task ends its worker; the task's result never comes."""

import multiprocessing
import sys


def check(x):
    if x == 2:
        sys.exit(f"check({x}): giving up")  # SystemExit is no Exception: the worker ends
    return x


def check_fixed(x):
    if x == 2:
        raise ValueError(f"check_fixed({x}): giving up")  # travels back to the parent
    return x


if __name__ == "__main__":
    # Spawn: the pool will start a new worker, and a fork now would copy its threads.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        (worker,) = multiprocessing.active_children()
        result = pool.map_async(check, [1, 2, 3])
        worker.join(timeout=60)
        try:
            print(result.get(timeout=1))
        except multiprocessing.TimeoutError:
            print(f"the worker's exit code is {worker.exitcode}; map() would wait forever")
        try:
            pool.map(check_fixed, [1, 2, 3])
        except ValueError as exc:
            print("fixed: map() raised ValueError:", exc)
