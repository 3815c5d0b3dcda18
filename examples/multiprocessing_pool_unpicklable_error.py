#!/usr/bin/env python3
"""An exception the parent cannot rebuild kills the Pool's result thread."""

import multiprocessing
import threading

died = threading.Event()


class StockError(Exception):
    def __init__(self, item, count):  # two arguments; unpickling passes one
        super().__init__(f"only {count} left of {item}")


def reserve(item):
    if item == "nut":
        raise StockError(item, 0)
    return f"{item} reserved"


def report(args):  # one line for an exception that ends a thread
    print(f"{args.thread.name} died: {args.exc_type.__name__}: {args.exc_value}")
    died.set()


if __name__ == "__main__":
    threading.excepthook = report
    try:
        with multiprocessing.Pool(2) as pool:
            result = pool.map_async(reserve, ["bolt", "nut", "washer"])
            died.wait(timeout=60)
            try:
                print(result.get(timeout=1))
            except multiprocessing.TimeoutError:
                print("no result after 1 s more; map() would wait forever")
    except AssertionError as error:
        print(f"leaving the with block: AssertionError: {error}")
