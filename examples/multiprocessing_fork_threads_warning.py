#!/usr/bin/env python3
"""From Python 3.12 on, forking a process that runs threads is warned about."""

import multiprocessing
import threading
import warnings


def work():
    pass


if __name__ == "__main__":
    warnings.simplefilter("default", DeprecationWarning)  # as python3 -X dev does
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)  # any thread: a pool's, a library's
    helper.start()
    child = multiprocessing.get_context("fork").Process(target=work)  # POSIX only
    child.start()
    child.join()
    stop.set()
    helper.join()
    print(f"the forked child's exit code is {child.exitcode}")
