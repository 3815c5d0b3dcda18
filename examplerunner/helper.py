"""Short-lived helper processes (a question to a Python, a worker that applies a
mask): each one bounded in time, and killed whole, at once, when a stop comes.

A wait inside this process cannot be bounded so: a regular expression that
backtracks holds the interpreter in C code, where neither a time limit nor a
signal handler gets a turn. In a helper process it is killed like any other.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

from . import reaper


class TimedOut(Exception):
    """A helper that did not finish within its time limit; it was killed."""


def run(argv, data=None, *, limit, env=None):
    """Run ``argv`` with ``data`` as its input; ``(returncode, stdout, stderr)``.

    Raises :class:`TimedOut` after ``limit`` seconds, :class:`~.reaper.Stopped`
    as soon as a stop comes (it is checked every 50 ms), and :class:`OSError`
    if it cannot start. The helper runs in a process group of its own, which
    is killed whole, so nothing it started keeps its output open.
    """
    if reaper.stopping():
        raise reaper.Stopped()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL if data is None else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, process_group=0)
    deadline = time.monotonic() + limit
    try:
        while True:
            try:
                out, err = proc.communicate(data, timeout=0.05)
                return proc.returncode, out, err
            except subprocess.TimeoutExpired:
                data = None  # given once; communicate() goes on writing it
                if reaper.stopping():
                    raise reaper.Stopped() from None
                if time.monotonic() > deadline:
                    raise TimedOut(f"{argv[0]} took more than {limit:g} s") from None
    finally:
        if proc.returncode is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            for pipe in (proc.stdin, proc.stdout, proc.stderr):
                try:
                    if pipe:
                        pipe.close()
                except OSError:  # input it never read
                    pass
