#!/usr/bin/env python3
"""One BLAS thread per pool worker, so workers times threads fits the cores."""

import multiprocessing

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def blas_threads():
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def one_blas_thread():
    threadpool_limits(limits=1, user_api="blas")  # lasts for the worker's life


def product_trace(seed):
    a = (np.arange(90_000).reshape(300, 300) % (seed + 2)).astype(np.float64)
    return blas_threads(), int(np.trace(a @ a.T))  # small whole numbers: exact


if __name__ == "__main__":
    print("BLAS threads in the parent:", blas_threads())
    with multiprocessing.Pool(2, initializer=one_blas_thread) as pool:
        results = pool.map(product_trace, range(4))
    for seed, (threads, trace) in enumerate(results):
        print(f"task {seed}: BLAS threads {threads}, trace {trace}")
