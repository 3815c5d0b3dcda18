#!/usr/bin/env python3
"""apply_async(): without an error_callback, a failed task vanishes without a word."""

import multiprocessing


def work(n):
    if n == 3:
        raise ValueError(f"bad input {n}")
    return n * n


def submit_all(pool, **callbacks):
    for n in range(6):
        pool.apply_async(work, (n,), **callbacks)  # the AsyncResult is dropped


if __name__ == "__main__":
    quiet, results, errors = [], [], []
    with multiprocessing.Pool(2) as pool:
        submit_all(pool, callback=quiet.append)
        submit_all(pool, callback=results.append, error_callback=errors.append)
        pool.close()
        pool.join()
    print("callback only:", sorted(quiet))
    print("with error_callback:", sorted(results), errors)
