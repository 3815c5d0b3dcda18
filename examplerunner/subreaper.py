"""The runner as a child subreaper (Linux): every orphan of an example comes
back to it, however it hides.

Without this, a process whose parent exits is re-parented to init, and one
that also drops its environment and starts its own session could no longer
be told from any other process of the machine. With it, it becomes a child
of the runner. Children are read straight from ``/proc``: a process that
forks and exits in a loop lives for a millisecond.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys

import psutil

PR_SET_CHILD_SUBREAPER = 36


@functools.cache
def become_subreaper():
    """Make this process the child subreaper of what it starts; False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def read(path):
    """The bytes of a small file such as ``/proc/PID/stat``, through the file's
    descriptor alone: a Python file object costs twice the read, and the runner
    reads thousands of these a second while examples run. OSError as open()."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(fd, 65536)]
        while chunks[-1]:
            chunks.append(os.read(fd, 65536))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _child_pids(pid=None):
    """The children of ``pid`` (default: this process), read straight from /proc:
    a process that forks and exits in a loop lives for a millisecond, so the
    reading must be quick."""
    me = pid or os.getpid()
    try:
        tasks = os.listdir(f"/proc/{me}/task")
    except OSError:
        tasks = []
    pids, readable = set(), False
    for task in tasks:
        try:
            pids.update(int(p) for p in read(f"/proc/{me}/task/{task}/children").split())
            readable = True
        except (OSError, ValueError):
            continue
    if not readable:  # no /proc/.../children here: slower, through psutil
        try:
            pids = {p.pid for p in psutil.Process(me).children()}
        except psutil.Error:
            pids = set()
    return pids


def descendants(pid):
    """Every descendant of ``pid``, found by walking down its tree only."""
    found, todo = set(), [pid]
    while todo:
        children = _child_pids(todo.pop()) - found
        found |= children
        todo += children
    return found


def _stat(pid):
    """``(state letter, session)`` of a process (``Z``: a zombie); None once it is gone."""
    try:
        fields = read(f"/proc/{pid}/stat").rsplit(b")", 1)[1].split()
        return fields[0].decode(), int(fields[3])
    except (OSError, IndexError, ValueError):
        try:
            proc = psutil.Process(pid)
            zombie = proc.status() == psutil.STATUS_ZOMBIE
            return ("Z" if zombie else "R"), os.getsid(pid)
        except (psutil.Error, OSError):
            return None


def state(pid):
    """A process's state letter (``Z``: a zombie), or None once it is gone."""
    found = _stat(pid)
    return found and found[0]


def _orphan(pid, leaders):
    """Whether a child of this process is an orphan of some run, living or dead.

    Every example starts in a session of its own, and no process can move
    into another session but a new one of its own; the runner's helpers (a
    probe of a Python's version) stay in the runner's session.
    """
    found = _stat(pid)
    return pid not in leaders and found is not None and found[1] != os.getsid(0)


def orphans(leaders):
    """PIDs of living children of this process that it did not start (``leaders``
    are those it did): they were re-parented to it. A PID stays ours until it
    is reaped, so killing it is safe."""
    for _ in range(1000):
        children = _child_pids()
        found = []
        for pid in children:
            if not _orphan(pid, leaders):
                continue
            if state(pid) == "Z":
                # Reaped at once: a process that forks and exits in a loop
                # leaves hundreds of them a second, and each one would make
                # every later look slower than the process it looks for.
                _reap(pid)
            else:
                found.append(pid)
        # Nothing alive: sure only if no child came meanwhile (one that
        # exited while we looked may have handed its child to us).
        if found or _child_pids() == children:
            return found
    return found


def _reap(pid):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def reap(leaders):
    """Collect the exit status of orphans that ended, so none stays a zombie."""
    for pid in _child_pids():
        if _orphan(pid, leaders) and state(pid) == "Z":
            _reap(pid)
