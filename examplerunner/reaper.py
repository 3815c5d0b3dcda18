"""Every process of a run, found and killed.

Every process an example starts carries a mark in its environment, and the
example leads its own session, so the runner finds what stays in the
session or keeps the mark. On Linux the runner is also a child subreaper:
a process whose parent ends is re-parented to the runner instead of to
init, so one that drops its environment, starts its own session and whose
parent exits still comes back here. Such an orphan belongs to the run in
whose tree it was seen, or, when only one run is going, to that run; the
rest are killed by :func:`sweep`, which the regeneration calls at its end.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import psutil

from . import subreaper
from .subreaper import state

MARK = "EXAMPLERUNNER_RUN"
"""The environment variable that marks every process of one run."""

# Runs in progress (mark -> leader PID), the PIDs seen in each run's tree,
# and a lock held while a run is started so that no sweep takes its leader
# for an orphan.
_running: dict[str, int] = {}
_seen: dict[str, set] = {}
_running_lock = threading.RLock()
_stopping = threading.Event()


def orphans():
    """PIDs of living children of this process that it did not start (see
    :func:`.subreaper.orphans`)."""
    with _running_lock:
        leaders = set(_running.values())
    return subreaper.orphans(leaders)


def reap():
    """Collect the exit status of orphans that ended, so none stays a zombie."""
    with _running_lock:
        leaders = set(_running.values())
    subreaper.reap(leaders)


def note_tree(mark, leader):
    """Remember every PID now in the tree of ``leader``, to claim its orphans later;
    those PIDs."""
    pids = subreaper.descendants(leader)
    with _running_lock:
        _seen.setdefault(mark, set()).update(pids)
    return pids


def processes_of(mark, leader=None, *, alone=False):
    """PIDs of the living processes of a run: they carry ``mark``, are in
    ``leader``'s group or session or descend from it, or are orphans seen in its
    tree (every orphan if ``alone``: no other run is going). An orphan's own
    children become orphans in turn once it is killed."""
    found = _scan(mark, leader)
    if found is None:
        found = _scan_psutil(mark, leader)
    if leader:
        found |= subreaper.descendants(leader)
    with _running_lock:
        seen = set(_seen.get(mark, ()))
    found = [pid for pid in found if state(pid) not in (None, "Z")]
    # Orphans are alive when orphans() looks; one may have hopped since,
    # but it counts: its successor is found on the next look.
    return found + [pid for pid in orphans() if (alone or pid in seen) and pid not in found]


def _scan(mark, leader):
    """The living processes of the machine that carry ``mark`` or are in
    ``leader``'s group or session, read straight from /proc: each process's
    stat (state, group, session) and, for the others, its environment. A
    regeneration looks two or three times an example, so psutil's objects
    (twice the time) would cost more than the examples' own start-ups;
    None where there is no /proc."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    entry, me, found = f"\0{MARK}={mark}\0".encode(), os.getpid(), set()
    for name in names:
        if not name.isdigit() or int(name) == me:
            continue
        try:
            fields = subreaper.read(f"/proc/{name}/stat").rsplit(b")", 1)[1].split()
            if fields[0] == b"Z":
                continue
            if leader and leader in (int(fields[2]), int(fields[3])):  # group, session
                found.add(int(name))
                continue
            environ = subreaper.read(f"/proc/{name}/environ")
        except (OSError, IndexError, ValueError):
            continue
        if entry in b"\0" + environ + b"\0":
            found.add(int(name))
    return found


def _scan_psutil(mark, leader):
    """:func:`_scan` through psutil, where there is no /proc."""
    found = set()
    for proc in psutil.process_iter(["status"]):
        try:
            if proc.pid == os.getpid() or proc.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if leader and leader in (os.getpgid(proc.pid), os.getsid(proc.pid)):
                found.add(proc.pid)
            elif proc.environ().get(MARK) == mark:
                found.add(proc.pid)
        except (psutil.Error, OSError):
            continue
    return found


def _signal(pids, signum):
    """Send ``signum`` to each of ``pids``; the PIDs it reached."""
    reached = set()
    for pid in pids:
        try:
            os.kill(pid, signum)
            reached.add(pid)
        except (ProcessLookupError, PermissionError):
            pass
    return reached


def _freeze(find, until):
    """Stop (SIGSTOP) what ``find()`` returns and all it has started, again and
    again until nothing new turns up; then kill all of it. The PIDs killed.

    A process that forks and exits in a loop lives a millisecond or two, less
    than a look takes, so killing what one look found misses its successor.
    A stopped process can neither fork nor exit: its children stay its own,
    where the next look finds them, and the chain ends.
    """
    stopped = set()
    while time.monotonic() < until:
        found = set(find())
        for pid in list(stopped):
            found |= subreaper.descendants(pid)
        found -= stopped
        if not found:
            break
        stopped |= _signal(found, signal.SIGSTOP)
    _signal(stopped, signal.SIGKILL)
    return stopped


def _kill_until_none(find, limit=10.0, fast=None):
    """Kill what ``find()`` returns until it returns nothing; the PIDs killed.

    A process that forks and exits in a loop has a new PID each time, so one
    pass is not enough: keep going, quickly, until a pass finds nothing. The
    orphans, our own children, are frozen first with ``fast()``, which looks
    in well under a millisecond (see :func:`_freeze`); a PID cannot be reused
    before its parent reaps it, so stopping and killing them is safe.
    """
    killed, deadline = set(), time.monotonic() + limit
    while time.monotonic() < deadline:
        if fast:
            killed |= _freeze(fast, deadline)
        found = set(find())
        if not found:
            return killed
        killed |= _signal(found, signal.SIGKILL)
        # Wait without reaping the leader: that would make Popen report it
        # as having exited with 0.
        until = time.monotonic() + 1
        while time.monotonic() < until and any(state(p) not in (None, "Z") for p in found):
            time.sleep(0.002)
        reap()
    return killed


def kill_all(mark, leader=None):
    """Kill every process of a run, again until none is left; whether any was found."""
    with _running_lock:
        alone = set(_running) <= {mark}
    killed = _kill_until_none(lambda: processes_of(mark, leader, alone=alone),
                              fast=orphans if alone else None)
    return bool(killed - {leader})


def sweep():
    """Kill every orphan left by any run, until none is left; how many there were.

    Called when no run is going, so every child left is an orphan or a zombie.
    """
    killed = _kill_until_none(orphans, fast=orphans)
    reap()
    return len(killed)


def starting():
    """Held while a run starts its example and registers it."""
    return _running_lock


def register(mark, leader):
    with _running_lock:
        _running[mark] = leader


def unregister(mark):
    with _running_lock:
        _running.pop(mark, None)
        _seen.pop(mark, None)


class Stopped(Exception):
    """A wait that a stop (Ctrl-C, SIGTERM, SIGHUP) ended: the work in hand is dropped."""


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


def left_behind(mark, leader):
    """The processes of a run other than its leader, once the leader has ended."""
    with _running_lock:
        alone = set(_running) <= {mark}
    return [pid for pid in processes_of(mark, leader, alone=alone) if pid != leader]
