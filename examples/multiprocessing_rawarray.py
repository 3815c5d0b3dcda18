#!/usr/bin/env python3
"""RawArray and RawValue: shared ctypes memory without a lock."""

import multiprocessing
from multiprocessing import sharedctypes


def fill(squares, start, stop):
    for i in range(start, stop):  # each worker writes only its own slice
        squares[i] = i * i


if __name__ == "__main__":
    for made in (sharedctypes.RawValue("i", 0), sharedctypes.Value("i", 0),
                 sharedctypes.RawArray("d", 8), sharedctypes.Array("d", 8)):
        print(f"{type(made).__name__:<18} get_lock: {hasattr(made, 'get_lock')}")

    squares = sharedctypes.RawArray("d", 8)  # eight C doubles, all 0.0
    workers = [multiprocessing.Process(target=fill, args=(squares, start, start + 4))
               for start in (0, 4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("squares:", squares[:])
