#!/usr/bin/env python3
"""apply_async runs one call in the pool; a callback receives its result."""

import multiprocessing


def cube(n):
    return n ** 3


def collect(result):
    # Runs in the parent, in a thread of the pool: keep it short.
    collected.append(result)


collected = []

if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        pending = [pool.apply_async(cube, (n,), callback=collect)
                   for n in range(1, 5)]
        first = pending[0].get(timeout=10)  # AsyncResult.get() waits for one
        pool.close()  # no more work...
        pool.join()  # ...and wait until all of it is done
    print("first result:", first)
    print("callback collected:", sorted(collected))
