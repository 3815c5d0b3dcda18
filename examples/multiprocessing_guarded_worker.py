#!/usr/bin/env python3
"""A worker function defined under the __main__ guard: a spawned worker cannot find it."""

import multiprocessing

if __name__ == "__main__":

    def square(x):  # defined under the guard: a spawned child never defines it
        return x * x

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        (worker,) = multiprocessing.active_children()
        result = pool.apply_async(square, (3,))
        worker.join(timeout=60)  # the worker dies on the task
        try:
            print(result.get(timeout=1))
        except multiprocessing.TimeoutError:
            print(f"the worker's exit code is {worker.exitcode}; get() would wait forever")
