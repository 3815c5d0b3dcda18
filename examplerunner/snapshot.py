"""What changed on disk while an example ran: the tree of ``examples/`` and the
pages, by names, kinds, sizes, modes, owners and times, before and after.

Comparing the trees sees every write, whoever makes it: a ``sh -c`` the
example starts, ``os.symlink``, ``os.chmod`` of a sibling, a write through
a directory descriptor, a file left in ``__pycache__`` (the examples run
with ``PYTHONDONTWRITEBYTECODE``, so Python writes nothing there itself).
A symbolic link is followed as the digest of an example's inputs follows it
(:mod:`.tree`): a write into a folder or a file that a link under
``examples/`` leads to is a change, and so is the link's own text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import paths, tree


def _entry(path):
    """What identifies one path's state: its own, and for a link, its text and
    the state of what it leads to."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    link, changed = None, st.st_ctime_ns
    if stat.S_ISLNK(st.st_mode):
        try:
            link = os.readlink(path)
            st = os.stat(path)
            changed = max(changed, st.st_ctime_ns)  # the link's, or what it leads to
        except OSError:  # leads nowhere: its text is its state
            pass
    # The change time moves with every change to an inode: its content, its
    # mode, its owner, its extended attributes, its names (a folder's): a
    # chmod or setxattr undone at once still leaves it moved.
    own = changed, st.st_mode, st.st_uid, st.st_gid, st.st_mtime_ns, link
    if stat.S_ISDIR(st.st_mode):
        try:
            names = frozenset(os.listdir(path))
        except OSError:
            names = frozenset()
        return *own, names
    return *own, st.st_size


def take(roots):
    """The state of every path under ``roots`` (folders or files), links followed."""
    state = {}
    for root in roots:
        root = str(root)
        state[root] = _entry(root)
        if not os.path.isdir(root):
            continue
        for top, dirs, files in tree.walk(root):
            for name in dirs + files:
                path = os.path.join(top, name)
                state[path] = _entry(path)
    return state


def changes(before, after):
    """The paths whose state differs between two :func:`take`, each with the time
    of its last change (ns): its own change time, or for a path that is gone,
    that of the nearest folder above it that is still there (None if none)."""
    found = {}
    for path in before.keys() | after.keys():
        if before.get(path) == after.get(path):
            continue
        above = path
        while after.get(above) is None and os.path.dirname(above) != above:
            above = os.path.dirname(above)
        found[path] = after[above][0] if after.get(above) else None
    return found


def shown(changed):
    """Changed paths as a message names them: the first five, in order."""
    names = sorted(paths.shown(Path(p)) for p in changed)
    return ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")


def watched(pages=()):
    """What no example may change: ``examples/``, every page of the article and
    the given pages, whichever pages a regeneration was asked for."""
    return [paths.EXAMPLES, *paths.distinct([*paths.pages(), *pages])]
