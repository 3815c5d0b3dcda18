"""Staleness: everything an example's output depends on, as one digest.

The runner cannot see every file an example reads (a ``cat`` it starts, a
module it imports by a computed name), so it decides conservatively. The
inputs of a block are its options and every file under its folder that is
not another example: the script itself, the scripts it imports or names
(``"multiprocessing_remote_server.py"``), every module there (a ``.py``
file without a ``__main__`` guard) and every data file, in any subfolder.
``__pycache__`` is left out: Python writes it, and reads only what matches
the sources. Another example (a script with a ``__main__`` guard) counts
only when the script imports or names it.
"""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path

from . import paths

_GUARD = "__main__"


def _named(node, folder):
    """The scripts of ``folder`` that one node of a script's syntax tree imports or names."""
    if isinstance(node, ast.Import):
        names = [alias.name.split(".")[0] + ".py" for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        names = [node.module.split(".")[0] + ".py"]
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
            and 0 < len(node.value) <= 200 and "\0" not in node.value:
        text = node.value
        names = [text if text.endswith(".py") else text.split(".")[0] + ".py"]
    else:
        return []
    found = []
    for name in names:
        path = folder / name
        try:
            if not os.path.isabs(name) and ".." not in Path(name).parts and path.is_file():
                found.append(name)
        except (OSError, ValueError):
            continue
    return found


def _is_example(path):
    """Whether ``path`` is a script of its own (a ``.py`` file with a ``__main__`` guard)."""
    try:
        return path.suffix == ".py" and _GUARD.encode() in path.read_bytes()
    except OSError:
        return False


def _files(folder):
    """Every file under ``folder``, by its path relative to it, ``__pycache__`` left out.

    Symbolic links to folders are followed once each, so a loop ends.
    """
    found, visited = [], set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [os.path.relpath(os.path.join(top, f), folder) for f in files]
    return sorted(found)


def dependencies(script, folder=None):
    """The script, every module and data file of its folder, and the scripts it names."""
    folder = Path(folder or paths.EXAMPLES)
    seen = {name for name in _files(folder) if not _is_example(folder / name)}
    todo, parsed = [script, *(n for n in seen if n.endswith(".py"))], set()
    while todo:
        name = todo.pop()
        path = folder / name
        if name in parsed or not path.is_file():
            continue
        parsed.add(name)
        seen.add(name)
        if path.suffix != ".py":
            continue
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError):
            continue  # running it will say what is wrong
        for node in ast.walk(tree):
            todo += _named(node, folder)
    return seen


def _content(path):
    """A file's bytes, or the text of a link that cannot be followed."""
    try:
        return path.read_bytes()
    except OSError:
        try:
            return b"link to " + os.fsencode(os.readlink(path))
        except OSError:
            return b"unreadable"


def digest(script, options):
    """A fingerprint of everything an example's output depends on."""
    folder = paths.EXAMPLES / options.cwd
    h = hashlib.sha256()
    for name in sorted(dependencies(script, folder)):
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + _content(folder / name)
                 + b"\0")
    h.update(options.key().encode())
    return h.hexdigest()[:16]
