#!/usr/bin/env python3
"""From 3.12 a breaking executor waits for the lock submit() starts workers under; 3.11 does not.

On 3.11 a worker that submit() starts after such a break fails with
``OSError: handle is closed``: the break closed the queue it would be given.
"""

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait


def die():
    time.sleep(0.2)
    os._exit(1)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    executor = ProcessPoolExecutor(1, mp_context=ctx)
    executor.submit(int, 0).result()  # the worker is up
    future = executor.submit(die)
    with executor._shutdown_lock:  # what submit() holds while it starts a worker
        workers = list(executor._processes.values())
        wait([w.sentinel for w in workers], timeout=10)  # the worker dies meanwhile
        deadline = time.monotonic() + 2
        while not future.done() and time.monotonic() < deadline:
            time.sleep(0.05)
        broken_meanwhile = future.done()
        spawned = "no break"
        if broken_meanwhile:  # 3.11: start a worker, as submit() would next
            while not executor._call_queue._reader.closed and time.monotonic() < deadline:
                time.sleep(0.05)  # the break closes the call queue after the futures
            try:
                executor._spawn_process()
                spawned = "started"
            except OSError as error:
                spawned = str(error)
    assert spawned == ("handle is closed" if sys.version_info < (3, 12) else "no break"), spawned
    assert broken_meanwhile == (sys.version_info < (3, 12)), broken_meanwhile
    assert isinstance(future.exception(timeout=10), BrokenProcessPool)
    executor.shutdown()
