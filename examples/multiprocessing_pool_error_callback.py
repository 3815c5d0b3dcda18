#!/usr/bin/env python3
"""apply_async(): without an error_callback, a failed task vanishes without a word."""

import multiprocessing


def work(n):
    if n == 3:
        raise ValueError(f"bad input {n}")
    return n * n


def run_all(**callbacks):
    with multiprocessing.Pool(2) as pool:
        for n in range(6):
            pool.apply_async(work, (n,), **callbacks)  # the AsyncResult is dropped
        pool.close()
        pool.join()


if __name__ == "__main__":
    results = []
    run_all(callback=results.append)
    print("callback only:", sorted(results))

    results, errors = [], []
    run_all(callback=results.append, error_callback=errors.append)
    print("with error_callback:", sorted(results), errors)
