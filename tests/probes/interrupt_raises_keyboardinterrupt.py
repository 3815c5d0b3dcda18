#!/usr/bin/env python3
"""Process.interrupt() (3.14+), like os.kill(pid, SIGINT) before it, raises KeyboardInterrupt."""

import multiprocessing
import os
import signal
import sys


def work(ready):
    try:
        ready.set()
        signal.pause()
    except KeyboardInterrupt:
        sys.exit(7)  # caught: the child ends on its own terms


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        ways = ["os.kill"] + (["interrupt"] if sys.version_info >= (3, 14) else [])
        assert hasattr(ctx.Process, "interrupt") is (sys.version_info >= (3, 14))
        for way in ways:
            ready = ctx.Event()
            child = ctx.Process(target=work, args=(ready,))
            child.start()
            assert ready.wait(20)
            if way == "interrupt":
                child.interrupt()
            else:
                os.kill(child.pid, signal.SIGINT)
            child.join(20)
            assert child.exitcode == 7, (method, way, child.exitcode)
