#!/usr/bin/env python3
"""Executor.map(buffersize=) (Python 3.14) reads an endless input lazily."""

import collections
import concurrent.futures
import itertools
import sys

drawn = 0


def numbers():  # endless; counts how far it has been read
    global drawn
    while True:
        drawn += 1
        yield drawn


def square(n):
    return n * n


def lazy_map(executor, fn, inputs, buffersize):
    if sys.version_info >= (3, 14):
        yield from executor.map(fn, inputs, buffersize=buffersize)
        return
    inputs = iter(inputs)  # before 3.14: the same window, by hand
    pending = collections.deque(executor.submit(fn, x)
                                for x in itertools.islice(inputs, buffersize))
    try:
        while pending:
            for x in itertools.islice(inputs, 1):  # one in before one out
                pending.append(executor.submit(fn, x))
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        results = lazy_map(executor, square, numbers(), buffersize=4)
        squares = list(itertools.takewhile(lambda sq: sq < 50, results))
        results.close()  # cancels the tasks still waiting
    print(f"squares below 50: {squares}")
    print(f"numbers read from the endless input: {drawn}")
