#!/usr/bin/env python3
"""Parent SIGKILLed: its executor's workers live on; a Pool's end unless a child holds a pipe."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARENT = """\
import concurrent.futures, multiprocessing, sys, time

def square(x):
    return x * x

if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    pool = ctx.Pool(2)
    pool.map(square, range(4))
    pids = [p.pid for p in pool._pool]
    if sys.argv[2] == "both":  # an executor's workers, started after the pool's
        executor = concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx)
        list(executor.map(square, range(4)))
        pids += list(executor._processes)
    print(*pids, flush=True)
    time.sleep(30)
"""


def stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def alive(pid):
    fields = stat(pid)
    return fields is not None and fields[0] != "Z"


def session(sid):
    """The living processes of session ``sid``."""
    found = []
    for p in filter(str.isdigit, os.listdir("/proc")):
        fields = stat(int(p))  # None once the process has gone, at any moment
        if fields is not None and fields[0] != "Z" and fields[3] == str(sid):
            found.append(int(p))
    return found


def orphans(folder, method, what):
    """Kill the parent; return which of its workers live 1 s later, after killing them."""
    parent = subprocess.Popen([sys.executable, "parent.py", method, what], cwd=folder, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        time.sleep(1)
        return [alive(pid) for pid in pids]
    finally:
        for pid in session(parent.pid):  # the workers left behind
            if pid in pids:
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10  # the helpers end on their own
        while session(parent.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if session(parent.pid):
            os.killpg(parent.pid, signal.SIGKILL)
        parent.stdout.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "parent.py").write_text(PARENT)
        for method in ("fork", "spawn", "forkserver"):
            pool_a, pool_b, executor_a, executor_b = orphans(folder, method, "both")
            assert executor_a and executor_b, method  # waiting for good
            # The executor's forked workers inherited the pool's task pipe.
            assert pool_a == pool_b == (method == "fork"), method
        assert orphans(folder, "fork", "pool") == [False, False]
