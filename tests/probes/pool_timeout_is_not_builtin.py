#!/usr/bin/env python3
"""A pool's get(timeout=) raises multiprocessing.TimeoutError: `except TimeoutError` misses it."""

import builtins
import concurrent.futures
import multiprocessing
import time


def nap(seconds):
    time.sleep(seconds)


if __name__ == "__main__":
    assert multiprocessing.TimeoutError is not builtins.TimeoutError
    assert not issubclass(multiprocessing.TimeoutError, builtins.TimeoutError)
    # concurrent.futures' one is the built-in, from 3.11 on.
    assert concurrent.futures.TimeoutError is builtins.TimeoutError
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        with ctx.Pool(1) as pool:
            slow = pool.apply_async(nap, (0.5,))
            try:
                try:
                    slow.get(timeout=0.05)
                except TimeoutError:  # the built-in: not this one
                    raise AssertionError("except TimeoutError caught a pool's timeout") from None
            except multiprocessing.TimeoutError:
                pass
            else:
                raise AssertionError("no timeout")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as executor:
            future = executor.submit(nap, 0.5)
            try:
                future.result(timeout=0.05)
            except TimeoutError:  # here the built-in one is right
                pass
            else:
                raise AssertionError("no timeout")
