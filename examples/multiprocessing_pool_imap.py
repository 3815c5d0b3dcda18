#!/usr/bin/env python3
"""imap yields results lazily in input order; imap_unordered as they finish."""

import multiprocessing
import time


def slow_square(n):
    time.sleep(0.05 * (4 - n))  # the first inputs take the longest
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        for result in pool.imap(slow_square, range(4)):
            print("imap gave", result)
        finished = list(pool.imap_unordered(slow_square, range(4)))
        print("imap_unordered gave, once sorted:", sorted(finished))
