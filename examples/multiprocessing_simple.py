#!/usr/bin/env python3
"""Start one child process that runs a function, then wait for it."""

import multiprocessing


def worker():
    print("Hello from the worker process")


if __name__ == "__main__":
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
    print("The worker has finished")
