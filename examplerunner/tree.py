"""The paths under a folder as the runner sees them, for its digest of an
example's inputs and its snapshot of what changed alike: a symbolic link is
followed, to a file or to a folder, and each real folder is walked once, so
a loop of links ends. What one sees, the other sees."""

from __future__ import annotations

import os


def walk(folder, skip=()):
    """``(top, dirs, files)`` for every folder under ``folder``, as :func:`os.walk`
    gives them with links followed, names sorted and those in ``skip`` left
    out. A real folder reached again (by another name, or by a loop) is not
    walked again: its files were listed the first time."""
    visited = set()
    for top, dirs, files in os.walk(folder, followlinks=True, onerror=lambda error: None):
        real = os.path.realpath(top)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if d not in skip)
        yield top, dirs, sorted(f for f in files if f not in skip)
