#!/usr/bin/env python3
"""Pools made in a loop and never closed use up the process's file descriptors."""

import multiprocessing
import resource


def square(x):
    return x * x


if __name__ == "__main__":
    # A low limit makes the leak fail in a moment instead of after hours.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
    # Spawn: under forkserver, the server itself can run out and hang.
    ctx = multiprocessing.get_context("spawn")
    pools = []
    try:
        for _ in range(100):
            pool = ctx.Pool(2)  # wrong: never closed
            pools.append(pool)
            pool.map(square, range(10))
    except OSError as exc:
        print(f"OSError: {exc}")
    finally:
        for pool in pools:  # what each batch should have done: with ctx.Pool(2) as pool
            pool.terminate()
            pool.join()
        pools.clear()  # closes their pipes
    with ctx.Pool(2) as pool:  # the fix: one pool for every batch, closed at the end
        totals = [sum(pool.map(square, range(10))) for _ in range(100)]
    print(f"one pool, {len(totals)} batches: no error")
