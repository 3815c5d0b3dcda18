#!/usr/bin/env python3
"""Make a SharedMemory block of some megabytes and fill it through a NumPy view."""

import sys
from multiprocessing import shared_memory

import numpy as np

if __name__ == "__main__":
    megabytes = int(sys.argv[1]) if sys.argv[1:] else 8
    block = shared_memory.SharedMemory(create=True, size=megabytes * 2**20)
    try:
        print(f"created a block of {megabytes} MB", flush=True)
        array = np.ndarray((block.size // 8,), np.float64, buffer=block.buf)
        try:
            array[:] = 1.0  # the memory is taken page by page, as it is written
            print("filled it")
        finally:
            del array  # no view may outlive close()
    finally:
        block.close()
        block.unlink()
