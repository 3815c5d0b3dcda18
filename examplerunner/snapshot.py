"""What changed on disk while an example ran: the tree of ``examples/`` and the
pages, by names, kinds, sizes, modes and times, before and after.

Comparing the trees sees every write, whoever makes it: a ``sh -c`` the
example starts, ``os.symlink``, ``os.chmod`` of a sibling, a write through
a directory descriptor, a file left in ``__pycache__`` (the examples run
with ``PYTHONDONTWRITEBYTECODE``, so Python writes nothing there itself).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import paths


def _entry(path):
    """What identifies one path's state, without following a link."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    link = os.readlink(path) if os.path.islink(path) else None
    if os.path.isdir(path) and link is None:
        try:
            names = frozenset(os.listdir(path))
        except OSError:
            names = frozenset()
        return st.st_mode, st.st_mtime_ns, names
    return st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, link


def take(roots):
    """The state of every path under ``roots`` (folders or files), links not followed."""
    state = {}
    for root in roots:
        root = str(root)
        state[root] = _entry(root)
        if not os.path.isdir(root) or os.path.islink(root):
            continue
        for top, dirs, files in os.walk(root, onerror=lambda error: None):
            for name in dirs + files:
                path = os.path.join(top, name)
                state[path] = _entry(path)
    return state


def changed(before, after):
    """The paths whose state differs between two :func:`take`, as messages show them."""
    differ = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(paths.shown(Path(p)) for p in differ)


def watched(pages=()):
    """What no example may change: ``examples/``, every page of the article and
    the given pages, whichever pages a regeneration was asked for."""
    return [paths.EXAMPLES, *paths.distinct([*paths.pages(), *pages])]
