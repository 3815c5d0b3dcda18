#!/usr/bin/env python3
"""A NumPy array in a SharedMemory block, read by pool workers without a copy."""

import multiprocessing
from multiprocessing import shared_memory

import numpy as np


def attach(block_name, shape, dtype):
    global block, matrix  # kept for the life of this worker
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
        matrix[:] = np.arange(matrix.size).reshape(shape)
        pool = multiprocessing.Pool(2, initializer=attach,
                                    initargs=(block.name, shape, dtype.str))
        sums = pool.map(row_sum, range(shape[0]))  # only row numbers travel
        pool.close()
        pool.join()  # every worker is done with the block
        print("row sums:", sums)
        print("same as in the parent:", sums == matrix.sum(axis=1).tolist())
        del matrix  # no view may outlive close(): reading it would crash
    finally:
        block.close()
        block.unlink()  # the owner frees the block, once
