#!/usr/bin/env python3
"""ShareableList: a fixed-length list of simple values in a shared memory block."""

import multiprocessing
from multiprocessing import shared_memory


def double(list_name):
    numbers = shared_memory.ShareableList(name=list_name)
    for i, n in enumerate(numbers):
        numbers[i] = n * 2
    numbers.shm.close()


if __name__ == "__main__":
    numbers = shared_memory.ShareableList([1, 2, 3, 4.5])
    try:
        p = multiprocessing.Process(name="doubler", target=double,
                                    args=(numbers.shm.name,))
        p.start()
        p.join()
        print("after the child:", list(numbers))
    finally:
        numbers.shm.close()
        numbers.shm.unlink()
