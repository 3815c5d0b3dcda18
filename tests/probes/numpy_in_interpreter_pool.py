#!/usr/bin/env python3
"""InterpreterPoolExecutor is new in 3.14, and NumPy 2.5 cannot be imported in its workers."""

import concurrent.futures
import sys

import numpy


def numpy_version():
    import numpy

    return numpy.__version__


if __name__ == "__main__":
    if sys.version_info < (3, 14):
        assert not hasattr(concurrent.futures, "InterpreterPoolExecutor")
    else:
        with concurrent.futures.InterpreterPoolExecutor(1) as executor:
            future = executor.submit(numpy_version)
            if numpy.__version__[:4] == "2.5.":
                assert isinstance(future.exception(timeout=60), ImportError)
            # Other NumPy releases: the sentence names 2.5 only.
