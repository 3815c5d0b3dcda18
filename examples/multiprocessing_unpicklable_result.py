#!/usr/bin/env python3
"""A task whose result cannot be pickled fails with MaybeEncodingError."""

import multiprocessing


def squares(n):
    return (i * i for i in range(n))  # wrong: a generator does not pickle


def squares_list(n):
    return [i * i for i in range(n)]  # the fix: return plain data


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(squares, [3, 4])
        except multiprocessing.pool.MaybeEncodingError as exc:
            print(f"MaybeEncodingError: {exc}")
        print("fixed:", pool.map(squares_list, [3, 4]))
