#!/usr/bin/env python3
"""A lambda given to Pool.map() cannot be pickled, under every start method."""

import multiprocessing
import traceback

square = lambda x: x * x  # noqa: E731  bound to a name, but still called <lambda>


def cube(x):  # the fix: a function defined with def, at the top level
    return x * x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(square, [1, 2, 3])
        except Exception as exc:
            print(*traceback.format_exception_only(exc), sep="", end="")
        print("fixed:", pool.map(cube, [1, 2, 3]))
