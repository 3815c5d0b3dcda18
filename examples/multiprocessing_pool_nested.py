#!/usr/bin/env python3
"""A pool task cannot start a process; a ProcessPoolExecutor task can."""

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
    with multiprocessing.Pool(1) as pool:
        try:
            pool.apply(start_child)
        except AssertionError as error:
            print(f"Pool task: AssertionError: {error}")

    with concurrent.futures.ProcessPoolExecutor(1) as executor:
        exitcode = executor.submit(start_child).result()
        print("ProcessPoolExecutor task: its child exited with", exitcode)
