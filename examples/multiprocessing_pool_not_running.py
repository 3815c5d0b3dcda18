#!/usr/bin/env python3
"""A pool refuses work after close() or after its with block."""

import multiprocessing


def double(x):
    return 2 * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("before close():", pool.map(double, [1, 2, 3]))
        pool.close()
        try:
            pool.apply_async(double, (7,))  # wrong: close() said no more tasks
        except ValueError as exc:
            print(f"after close(): ValueError: {exc}")
        pool.join()
    try:
        pool.map(double, [4, 5, 6])  # wrong: the with block has ended
    except ValueError as exc:
        print(f"after the with block: ValueError: {exc}")
