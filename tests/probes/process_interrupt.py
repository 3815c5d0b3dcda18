#!/usr/bin/env python3
"""Process.interrupt(), new in 3.14, raises KeyboardInterrupt in the child; 3.13 has none."""

import multiprocessing
import sys
import time


def work(ready, caught):
    try:
        ready.set()
        time.sleep(20)
    except KeyboardInterrupt:
        caught.set()


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        ready, caught = ctx.Event(), ctx.Event()
        child = ctx.Process(target=work, args=(ready, caught))
        if sys.version_info < (3, 14):
            assert not hasattr(child, "interrupt")
            continue
        child.start()
        assert ready.wait(10)
        child.interrupt()
        child.join(10)
        assert caught.is_set() and child.exitcode == 0, child.exitcode
