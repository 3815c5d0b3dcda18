#!/usr/bin/env python3
"""A progress line with the standard library alone: count results as they come."""

import multiprocessing
import sys
import time


def work(n):
    time.sleep(0.01)
    return n * n


if __name__ == "__main__":
    items = range(40)
    total = 0
    with multiprocessing.Pool(2) as pool:
        for done, result in enumerate(pool.imap_unordered(work, items, chunksize=4), 1):
            total += result
            # \r goes back to the start of the line: each update overwrites the last.
            print(f"\r{done}/{len(items)} done ({done / len(items):.0%})", end="",
                  file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"sum of squares {total}")
