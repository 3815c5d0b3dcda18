#!/usr/bin/env python3
"""A result asked for after the Pool's with block ended never comes."""

import multiprocessing
import time


def slow_square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        result = pool.apply_async(slow_square, (3,))
    # Leaving the block called terminate(): the worker was stopped mid-task.
    try:
        print(result.get(timeout=2))
    except multiprocessing.TimeoutError:
        print("after the block: no result after 2 s; get() would wait forever")
    with multiprocessing.Pool(1) as pool:
        result = pool.apply_async(slow_square, (3,))
        print("inside the block:", result.get(timeout=10))  # the fix
