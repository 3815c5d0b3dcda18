#!/usr/bin/env python3
"""From 3.14 Executor.map(buffersize=n) reads n inputs ahead, then one more per result."""

import itertools
import sys
from concurrent.futures import ProcessPoolExecutor

READ = []


def numbers():
    for n in itertools.count(1):
        READ.append(n)
        yield n


def square(n):
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        try:
            results = executor.map(square, numbers(), buffersize=4)
        except TypeError:
            # Before 3.14 there is no buffersize, and map() without it would
            # read the endless input forever.
            assert sys.version_info < (3, 14)
        else:
            assert sys.version_info >= (3, 14)
            assert len(READ) == 4, READ
            taken = list(itertools.takewhile(lambda sq: sq < 50, results))
            # Eight results taken (the eighth, 64, stops takewhile): 4 + 8 read.
            assert taken == [1, 4, 9, 16, 25, 36, 49] and len(READ) == 12, READ
