#!/usr/bin/env python3
"""The traceback of a Pool's result thread that dies on an exception it cannot rebuild."""

import multiprocessing
import threading

died = threading.Event()
print_traceback = threading.excepthook


def report(args):  # the default traceback, and a sign for the main thread
    print_traceback(args)
    died.set()


class StockError(Exception):
    def __init__(self, item, count):  # two arguments; unpickling passes one
        super().__init__(f"only {count} left of {item}")


def reserve(item):
    raise StockError(item, 0)


if __name__ == "__main__":
    threading.excepthook = report
    try:
        with multiprocessing.Pool(1) as pool:
            result = pool.apply_async(reserve, ("nut",))
            died.wait(timeout=60)
            result.wait(timeout=1)
            print("the result thread died: no result, get() would wait forever")
    except AssertionError as exc:
        print("leaving the with block: AssertionError:", exc)
