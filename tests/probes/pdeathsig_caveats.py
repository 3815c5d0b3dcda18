#!/usr/bin/env python3
"""PR_SET_PDEATHSIG fires with the starting thread, even in a long C call; not under forkserver."""

import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

PR_SET_PDEATHSIG = 1
MARK = "PDEATHSIG_PROBE"


def watch(parent):
    parent.join()  # returns once the parent has ended
    os._exit(1)


def worker(ready, how="prctl"):
    if how == "thread":
        threading.Thread(target=watch, args=(multiprocessing.parent_process(),),
                         daemon=True).start()
    else:
        libc = ctypes.CDLL(None, use_errno=True)
        assert libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0
    ready.put(os.getppid())
    ready.close()
    ready.join_thread()  # sent: the queue's thread would wait for the GIL below
    if how == "prctl":
        time.sleep(60)
    else:
        sum(range(10**10))  # one long call into C code, which holds the GIL


def program(method, how):
    """The parent: one worker, started by its main thread; then it waits to be killed."""
    context = multiprocessing.get_context(method)
    ready = context.Queue()
    w = context.Process(target=worker, args=(ready, how))
    w.start()
    print(w.pid, ready.get(timeout=30) == os.getpid(), flush=True)
    time.sleep(60)


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def of_the_program(mark):
    """PIDs of the living processes that carry the program's mark (worker, tracker, server)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                if f"{MARK}={mark}".encode() in environ.read().split(b"\0") and running(pid):
                    found.append(int(pid))
        except OSError:
            continue
    return found


def within(seconds, condition):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def killed_parent(method, how="prctl"):
    """SIGKILL the parent: the worker ends, except under forkserver or where a thread
    watches while the main thread is in C code."""
    mark = uuid.uuid4().hex
    parent = subprocess.Popen([sys.executable, __file__, method, how], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True,
                              env={**os.environ, MARK: mark})  # the tracker's warnings
    pid, parent_is_kernel_parent = parent.stdout.readline().split()
    pid = int(pid)
    try:
        assert parent_is_kernel_parent == str(method != "forkserver"), method
        if how != "prctl":
            time.sleep(0.5)  # the worker is in its long call by now
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        if method == "forkserver" or how == "thread":
            assert not within(0.5, lambda: not running(pid)), f"{method}, {how}: it ended"
        else:
            assert within(10, lambda: not running(pid)), f"{method}: the worker lives"
    finally:
        if running(pid):
            os.kill(pid, signal.SIGKILL)
        parent.stdout.close()
        left = within(10, lambda: not of_the_program(mark)) or of_the_program(mark)
        for pid in left if left is not True else ():
            os.kill(pid, signal.SIGKILL)
        assert left is True, f"{method}: left {left}"


def thread_ends(method):
    """A worker started by a thread that then ends, while the parent lives on."""
    context = multiprocessing.get_context(method)
    ready, started = context.Queue(), []

    def start():
        w = context.Process(target=worker, args=(ready,))
        w.start()
        ready.get(timeout=30)  # the worker has set its parent-death signal
        started.append(w)

    thread = threading.Thread(target=start)
    thread.start()
    thread.join()
    w = started[0]
    w.join(10 if method != "forkserver" else 0.5)
    if method == "forkserver":
        assert w.exitcode is None, w.exitcode
        w.terminate()
        w.join()
    else:
        assert w.exitcode == -signal.SIGTERM, (method, w.exitcode)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        program(*sys.argv[1:])
    elif sys.platform == "linux":  # prctl() is Linux's
        for method in ("fork", "spawn", "forkserver"):
            killed_parent(method)
            thread_ends(method)
        killed_parent("spawn", "thread")
        killed_parent("spawn", "prctl-busy")
