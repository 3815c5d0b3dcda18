#!/usr/bin/env python3
"""From 3.15, a BrokenProcessPool's cause names each worker found dead with a non-zero exit code."""

import multiprocessing
import os
import re
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, wait


def nap(_):
    time.sleep(30)


def leave(code):
    os._exit(code)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def cause_after(ctx, killed):
    """The cause of the error a pending task gets when `killed` workers die at once."""
    with ProcessPoolExecutor(3, mp_context=ctx) as executor:
        futures = [executor.submit(nap, n) for n in range(3)]
        pids = list(executor._processes)
        # Hold the GIL while the workers die, so that the executor's thread
        # looks only once every one of them is dead.
        sys.setswitchinterval(5)
        for pid in pids[:killed]:
            os.kill(pid, signal.SIGKILL)
        started = time.monotonic()
        while time.monotonic() - started < 0.3 or any(map(alive, pids[:killed])):
            if time.monotonic() - started > 10:
                break
        sys.setswitchinterval(0.005)
        wait(futures, timeout=20)
        return futures[0].exception(timeout=0).__cause__, pids[:killed]


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        cause, pids = cause_after(ctx, 2)
        if sys.version_info >= (3, 15):
            lines = str(cause).strip("\n'").splitlines()
            # One line per dead worker: not only the first one.
            assert sorted(lines) == sorted(
                f"Process {pid} terminated abruptly with exit code -9" for pid in pids), lines
        else:
            assert cause is None, cause
        # A worker that exits with code 0 breaks the executor too, unnamed.
        with ProcessPoolExecutor(2, mp_context=ctx) as executor:
            future = executor.submit(leave, 0)
            wait([future], timeout=20)
            assert type(future.exception()).__name__ == "BrokenProcessPool"
            assert future.exception().__cause__ is None
            assert re.search("terminated abruptly", str(future.exception()))
