#!/usr/bin/env python3
"""From 3.13 a default Pool and executor count only the CPUs the process may use."""

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

if __name__ == "__main__":
    assert os.cpu_count() >= 2, "needs a machine with two CPUs or more to tell the counts apart"
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # this process: one CPU
    expected = 1 if sys.version_info >= (3, 13) else os.cpu_count()
    assert hasattr(os, "process_cpu_count") is (sys.version_info >= (3, 13))
    for method in ("fork", "spawn", "forkserver"):
        with get_context(method).Pool() as pool:
            assert pool._processes == expected, (method, pool._processes)
        with ProcessPoolExecutor(mp_context=get_context(method)) as executor:
            assert executor._max_workers == expected, (method, executor._max_workers)
