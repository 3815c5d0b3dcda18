#!/usr/bin/env python3
"""A bound method pickles its object: a lock or a pool in self cannot travel."""

import multiprocessing
import threading
import traceback


class Counter:
    def __init__(self):
        self.lock = threading.Lock()  # fine in one process, but it does not pickle

    def square(self, x):
        return x * x


def square(x):  # the fix: a module-level function that needs no self
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(Counter().square, [1, 2, 3])
        except TypeError as exc:
            print(*traceback.format_exception_only(exc), sep="", end="")
        print("fixed:", pool.map(square, [1, 2, 3]))
