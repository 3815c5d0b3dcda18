#!/usr/bin/env python3
"""From 3.14 an executor has terminate_workers() and kill_workers() to stop hung workers."""

import multiprocessing
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def hang():
    time.sleep(60)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")  # forkserver reports 255 to the second reaper
    if sys.version_info < (3, 14):
        assert not hasattr(ProcessPoolExecutor, "terminate_workers")
        assert not hasattr(ProcessPoolExecutor, "kill_workers")
        sys.exit()
    for method, signum in (("terminate_workers", signal.SIGTERM), ("kill_workers", signal.SIGKILL)):
        executor = ProcessPoolExecutor(1, mp_context=ctx)
        running = executor.submit(hang)
        waiting = [executor.submit(hang) for _ in range(4)]
        while not running.running():
            time.sleep(0.01)
        time.sleep(0.2)  # the worker has taken the task
        (worker,) = executor._processes.values()
        getattr(executor, method)()
        # The executor's own thread may reap the worker at the same moment.
        deadline = time.monotonic() + 10
        while worker.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.exitcode == -signum, (method, worker.exitcode)
        assert waiting[-1].cancelled(), method  # the last was still waiting
        assert isinstance(running.exception(timeout=10), BrokenProcessPool), method
        try:
            executor.submit(int, 0)
        except (RuntimeError, BrokenProcessPool):
            pass  # the executor cannot be used afterwards
        else:
            raise AssertionError("submit() after " + method)
        executor.shutdown()
