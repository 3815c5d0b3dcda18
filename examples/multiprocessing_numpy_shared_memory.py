#!/usr/bin/env python3
"""A NumPy array in a SharedMemory block, read by executor workers without a copy."""

import concurrent.futures
import multiprocessing
import os
import threading
from multiprocessing import shared_memory

import numpy as np


def watch_parent(parent):  # a thread in each worker: end with the parent, even a killed one
    parent.join()
    os._exit(1)


def attach(block_name, shape, dtype):
    global block, matrix  # kept for the life of this worker, which needs no close()
    threading.Thread(target=watch_parent, args=(multiprocessing.parent_process(),),
                     daemon=True).start()
    block = shared_memory.SharedMemory(name=block_name)
    matrix = np.ndarray(shape, dtype, buffer=block.buf)  # a view, not a copy


def row_sum(row):
    return float(matrix[row].sum())


if __name__ == "__main__":
    shape, dtype = (4, 250_000), np.dtype(np.float64)
    block = shared_memory.SharedMemory(create=True,
                                       size=dtype.itemsize * shape[0] * shape[1])
    try:
        matrix = np.ndarray(shape, dtype, buffer=block.buf)
        try:
            matrix[:] = np.arange(matrix.size).reshape(shape)
            with concurrent.futures.ProcessPoolExecutor(
                    2, initializer=attach, initargs=(block.name, shape, dtype.str)) as executor:
                sums = list(executor.map(row_sum, range(shape[0])))  # only row numbers travel
            print("row sums:", sums)  # the with block waited: every worker has ended
            print("same as in the parent:", sums == matrix.sum(axis=1).tolist())
        finally:
            del matrix  # no view may outlive close(): reading it would crash
    finally:
        block.close()  # this process is done with the block
        block.unlink()  # the owner frees it, once, whatever happened
