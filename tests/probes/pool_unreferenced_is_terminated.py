#!/usr/bin/env python3
"""An unreferenced pool is terminated on collection, with a ResourceWarning; a kept one is not."""

import multiprocessing
import os
import warnings

WARNED = []


def show(message, category, *args, **kwargs):  # keeps no reference to the pool
    if category is ResourceWarning:
        WARNED.append(str(message))


def square(x):
    return x * x


def open_fds():
    return len(os.listdir("/proc/self/fd"))


if __name__ == "__main__":
    warnings.simplefilter("always", ResourceWarning)
    warnings.showwarning = show
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        with ctx.Pool(1) as pool:  # starts the helpers that live on
            pool.map(square, range(3))
        WARNED.clear()
        before = open_fds()
        for _ in range(4):
            pool = ctx.Pool(2)  # never closed: the next line drops the last reference
            pool.map(square, range(10))
        del pool
        assert open_fds() <= before, (method, before, open_fds())
        assert multiprocessing.active_children() == [], method
        assert len(WARNED) == 4, (method, WARNED)
        assert all(w.startswith("unclosed running multiprocessing pool") for w in WARNED), WARNED
        # Pools kept in a list keep their workers and their descriptors.
        kept = [ctx.Pool(2) for _ in range(3)]
        for pool in kept:
            pool.map(square, range(10))
        assert open_fds() >= before + 3 * 6, (method, before, open_fds())
        assert len(multiprocessing.active_children()) == 6, method
        for pool in kept:
            pool.terminate()
            pool.join()
        del kept, pool
