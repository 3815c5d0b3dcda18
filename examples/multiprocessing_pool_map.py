#!/usr/bin/env python3
"""Pool.map: the parallel version of a list comprehension."""

import multiprocessing


def collatz_steps(n):
    """How many steps the Collatz rule takes to bring n down to 1."""
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


if __name__ == "__main__":
    numbers = [6, 7, 27, 97, 871]
    serial = [collatz_steps(n) for n in numbers]
    with multiprocessing.Pool(processes=2) as pool:
        parallel = pool.map(collatz_steps, numbers)
    print("list comprehension:", serial)
    print("Pool.map:          ", parallel)
