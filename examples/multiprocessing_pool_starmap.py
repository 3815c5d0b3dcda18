#!/usr/bin/env python3
"""starmap unpacks each tuple of arguments into a call."""

import multiprocessing


def power(base, exponent):
    return base ** exponent


if __name__ == "__main__":
    pairs = [(2, 10), (3, 4), (10, 3)]
    with multiprocessing.Pool(processes=2) as pool:
        results = pool.starmap(power, pairs)  # power(2, 10), power(3, 4), ...
    for (base, exponent), result in zip(pairs, results, strict=True):
        print(f"{base} ** {exponent} = {result}")
