#!/usr/bin/env python3
"""A lambda target works under fork but cannot be pickled for spawn or forkserver."""

import multiprocessing
import pickle

if __name__ == "__main__":
    for method in sorted(multiprocessing.get_all_start_methods()):
        ctx = multiprocessing.get_context(method)
        p = ctx.Process(target=lambda: print(f"{method:<10}: the lambda ran"))
        try:
            p.start()
        except pickle.PicklingError as exc:
            print(f"{method:<10}: start() raised {type(exc).__name__}")
        else:
            p.join()
