#!/usr/bin/env python3
"""A nested function as a spawn or forkserver target: AttributeError to 3.13, then PicklingError."""

import multiprocessing
import pickle
import sys


def main():
    def work():
        pass

    for method in ("spawn", "forkserver"):
        child = multiprocessing.get_context(method).Process(target=work)
        try:
            child.start()
        except Exception as error:
            expected = AttributeError if sys.version_info < (3, 14) else pickle.PicklingError
            assert type(error) is expected, repr(error)
        else:
            child.join()
            raise AssertionError(f"{method}: a nested function was pickled")
    # Fork pickles nothing: the same target runs.
    child = multiprocessing.get_context("fork").Process(target=work)
    child.start()
    child.join()
    assert child.exitcode == 0


if __name__ == "__main__":
    main()
