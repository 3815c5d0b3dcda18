#!/usr/bin/env python3
"""Only on 3.12 can a fork just after a pool or an executor shut down warn about its threads."""

import multiprocessing
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def nothing():
    pass


def warns_after(make):
    """Whether a fork just after a pool shut down warned about its threads."""
    ctx = multiprocessing.get_context("fork")
    with make(ctx) as pool:
        list(pool.map(square, range(3)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        child = ctx.Process(target=nothing)
        child.start()
        child.join()
    return any("multi-threaded" in str(w.message) for w in caught)


if __name__ == "__main__":
    makers = [lambda ctx: ctx.Pool(1), lambda ctx: ProcessPoolExecutor(1, mp_context=ctx)]
    if sys.version_info[:2] == (3, 12):
        # Thread.join() can return before the thread is gone. The first
        # warning came within 4 to 93 tries here (about 0.5 s at most).
        started = time.monotonic()
        tries = 0
        while not warns_after(makers[tries % 2]):
            tries += 1
            assert time.monotonic() - started < 20, f"no warning in {tries} tries"
    else:
        # 3.11 has no such warning; from 3.13 join() waits for the thread
        # itself (none in 2000 tries, on an idle and a loaded machine).
        assert not any(warns_after(makers[n % 2]) for n in range(100))
