#!/usr/bin/env python3
"""ProcessPoolExecutor: the same pool of processes behind concurrent.futures."""

import concurrent.futures


def collatz_steps(n):
    if n < 1:
        raise ValueError(f"{n} is not a positive integer")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


if __name__ == "__main__":
    numbers = [6, 7, 27, 97, 871]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as executor:
        print("map:   ", list(executor.map(collatz_steps, numbers)))

        future = executor.submit(collatz_steps, 27)  # returns at once
        print("submit:", future.result())  # waits for the result

        bad = executor.submit(collatz_steps, 0)
        try:
            bad.result()
        except ValueError as error:  # raised again in the caller
            print("error: ", repr(error))
