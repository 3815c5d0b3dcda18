#!/usr/bin/env python3
"""Value and Array: ctypes values in shared memory that children change in place."""

import multiprocessing


def fill(slot, total, squares):
    squares[slot] = slot * slot
    with total.get_lock():  # the lock that guards this Value
        total.value += squares[slot]


if __name__ == "__main__":
    total = multiprocessing.Value("i", 0)  # "i": a C int
    squares = multiprocessing.Array("i", 5)  # five C ints, all 0
    workers = [multiprocessing.Process(name=f"filler-{i}", target=fill,
                                       args=(i, total, squares))
               for i in range(5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("squares:", squares[:])
    print("total:", total.value)
