"""Every process of a run, found and killed.

Every process an example starts carries a mark in its environment, so the
runner finds them all at the end, even those that left the example's
process group or session (``os.setsid()``, a double fork), and even where
the platform has no child subreaper.
"""

from __future__ import annotations

import os
import threading
import time

import psutil

MARK = "EXAMPLERUNNER_RUN"
"""The environment variable that marks every process of one run."""


def processes_of(mark, leader=None):
    """Living processes that carry ``mark`` or belong to ``leader``'s group or session."""
    found = []
    for proc in psutil.process_iter(["status"]):
        try:
            if proc.pid == os.getpid() or proc.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if leader and leader in (os.getpgid(proc.pid), os.getsid(proc.pid)):
                found.append(proc)
            elif proc.environ().get(MARK) == mark:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def kill_all(mark, leader=None):
    """Kill every process of a run, again until none is left."""
    for _ in range(20):
        found = processes_of(mark, leader)
        if not found:
            return
        for proc in found:
            try:
                proc.kill()
            except psutil.Error:
                pass
        # Wait without reaping: psutil.wait_procs() would reap the script
        # itself, and Popen would then report it as having exited with 0.
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline and any(map(_alive, found)):
            time.sleep(0.01)


def _alive(proc):
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


# Runs in progress, so an interrupted regeneration can stop every one of them.
_running: dict[str, int] = {}
_running_lock = threading.RLock()
_stopping = threading.Event()


def register(mark, leader):
    with _running_lock:
        _running[mark] = leader


def unregister(mark):
    with _running_lock:
        _running.pop(mark, None)


def stopping():
    """Whether a stop is under way, so no new run may start."""
    return _stopping.is_set()


def kill_running():
    """Kill every example still running, and everything each one started."""
    with _running_lock:
        runs = list(_running.items())
    for mark, leader in runs:
        kill_all(mark, leader)


def stop_everything(stop=True):
    """Kill every run in progress and refuse new ones (``stop=False`` allows them again).

    Safe to call from a signal handler: it raises nothing into the code it
    interrupts, so no lock is left held; each run then ends as killed.
    """
    if stop:
        _stopping.set()
        kill_running()
    else:
        _stopping.clear()
