#!/usr/bin/env python3
"""A pool worker killed while it waits for a task can make terminate() hang."""

import multiprocessing
import os
import signal
import sys
import threading
import time

if __name__ == "__main__":
    # The pool starts a replacement worker from one of its threads: spawn
    # avoids forking a process that runs threads.
    pool = multiprocessing.get_context("spawn").Pool(1)
    worker = pool.apply(os.getpid)  # the worker now waits for its next task
    time.sleep(0.2)
    os.kill(worker, signal.SIGKILL)  # as the OOM killer would
    time.sleep(0.3)  # the pool starts a new worker in its place
    # terminate() has no timeout: call it in a thread and wait a bounded time.
    stopper = threading.Thread(target=pool.terminate, daemon=True)
    stopper.start()
    stopper.join(timeout=2)
    if stopper.is_alive():
        print("terminate() still waits after 2 s:",
              "the dead worker held the task queue's lock")
        for child in multiprocessing.active_children():
            child.kill()  # the new worker waits for that lock too
        sys.exit(3)
    print("terminate() returned")
