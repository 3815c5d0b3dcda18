#!/usr/bin/env python3
"""When a pool worker is killed, its task never ends: map() would wait forever."""

import multiprocessing
import os
import signal


def work(n):
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n * n


if __name__ == "__main__":
    # The pool starts a replacement worker from one of its threads: spawn
    # avoids forking a process that runs threads.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        result = pool.map_async(work, range(6))  # map() itself has no timeout
        try:
            print(result.get(timeout=1))
        except multiprocessing.TimeoutError:
            print("no result after 1 s: a worker died and its task is lost")
        print("the pool replaced the worker:", pool.apply(work, (4,)))
