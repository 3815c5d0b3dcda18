#!/usr/bin/env python3
"""Process.interrupt() (Python 3.14, POSIX only) raises KeyboardInterrupt in the child."""

import multiprocessing
import os
import signal
import sys
import time


def worker(ready):
    try:
        ready.set()
        time.sleep(10)  # a long job
    except KeyboardInterrupt:
        print("worker: interrupted, saving what is done so far", flush=True)


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(name="worker", target=worker, args=(ready,))
    p.start()
    ready.wait()
    if sys.version_info >= (3, 14):
        p.interrupt()
    else:
        os.kill(p.pid, signal.SIGINT)  # what interrupt() does; on Windows it kills
    p.join()
    print(f"main: worker exit code {p.exitcode}")
