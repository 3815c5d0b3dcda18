#!/usr/bin/env python3
"""An initializer that raises breaks a ProcessPoolExecutor before any task runs."""

import concurrent.futures
import traceback


def open_database():
    raise ConnectionError("database is down")


def work(n):
    return n


if __name__ == "__main__":
    # One worker, so the initializer fails exactly once.
    with concurrent.futures.ProcessPoolExecutor(1, initializer=open_database) as executor:
        future = executor.submit(work, 1)
        try:
            future.result()
        except concurrent.futures.process.BrokenProcessPool as exc:
            print(*traceback.format_exception_only(exc), sep="", end="")
