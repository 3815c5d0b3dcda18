#!/usr/bin/env python3
"""A ProcessPoolExecutor task can start a process of its own."""

import concurrent.futures
import multiprocessing


def hello():
    print("grandchild: hello", flush=True)


def start_child():
    child = multiprocessing.Process(target=hello)
    child.start()
    child.join()
    return child.exitcode


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(1) as executor:
        exitcode = executor.submit(start_child).result()
        print("ProcessPoolExecutor task: its child exited with", exitcode)
