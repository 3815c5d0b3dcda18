"""Who changed what, where it can be told: when each run's processes lived, and
which files they were seen holding open for writing.

A change found under ``examples/`` or in a page happened at its change time
(ctime, which no program can set). The runs that could have made it are
those whose processes lived then; of those, one seen holding the file (or a
file in the folder) open for writing made it. When that leaves one run, the
change is that run's; when it leaves several, it cannot be told which, and
all of them are named. An unprivileged program cannot learn which process
wrote a file (fanotify hides it), so this is what can be told.
"""

from __future__ import annotations

import os
import threading
import time

from .subreaper import read

SLACK = 50_000_000
"""Nanoseconds a file's change time may lag the clock: the kernel stamps a
file with a clock that moves once a tick (1 to 10 ms)."""

_SPECIAL = ("/dev/", "/proc/", "/sys/")


def _held_for_writing(pid):
    """The real paths of the files that process ``pid`` holds open for writing."""
    found = set()
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for fd in descriptors:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if not target.startswith("/") or target.startswith(_SPECIAL):
                continue  # a pipe, a socket, the terminal
            flags = int(read(f"/proc/{pid}/fdinfo/{fd}").split(b"flags:", 1)[1].split()[0], 8)
        except (OSError, ValueError, IndexError):
            continue
        if flags & (os.O_WRONLY | os.O_RDWR):
            found.add(target.removesuffix(" (deleted)"))
    return found


class Activity:
    """What one run did that tells it from the others: when its processes lived
    (from before the first started to after the last was gone, in
    :func:`time.time_ns`), and the files they were seen holding open for
    writing. :func:`.process.run` fills it in."""

    def __init__(self, script):
        self.script = script
        self.start = self.end = None
        self.writing = set()
        self._lock = threading.Lock()

    def began(self):
        self.start = time.time_ns()

    def look(self, pids):
        """Note what the processes ``pids`` hold open for writing now."""
        found = set().union(*(_held_for_writing(pid) for pid in pids))
        with self._lock:
            self.writing |= found

    def ended(self):
        self.end = time.time_ns()

    def lived(self, earliest, latest):
        """Whether its processes lived at some moment from ``earliest`` to ``latest``."""
        if self.start is None:
            return False
        end = self.end if self.end is not None else time.time_ns()
        return self.start - SLACK <= latest and earliest <= end + SLACK

    def held(self, path):
        """Whether it was seen holding ``path``, or a file under it, open for writing."""
        real = os.path.realpath(path)
        with self._lock:
            return any(w == real or w.startswith(real + os.sep) for w in self.writing)


def culprits(runs, path, when, seen_between):
    """The runs among ``runs`` that could have made the change found at ``path``.

    ``when`` is its change time, None if it has none; ``seen_between`` the
    moments of the two snapshots that found it. A change time outside those
    (a file system whose clock is not this machine's) is not trusted: every
    run that lived between the snapshots could have made it.
    """
    earliest, latest = seen_between
    if when is not None and earliest - SLACK <= when <= latest + SLACK:
        earliest = latest = when
    living = [r for r in runs if r.lived(earliest, latest)]
    return [r for r in living if r.held(path)] or living
