#!/usr/bin/env python3
"""A pool task cannot start a process of its own."""

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
