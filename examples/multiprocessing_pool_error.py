#!/usr/bin/env python3
"""An exception raised in a pool worker is raised again in the caller."""

import multiprocessing


def invert(x):
    return 1 / x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        print(pool.map(invert, [1, 2, 4]))
        print(pool.map(invert, [1, 0, 4]))
