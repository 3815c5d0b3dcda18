"""Staleness: everything an example's output depends on, as one digest.

The runner cannot see every file an example reads (a ``cat`` it starts, a
module it imports by a computed name), so it decides conservatively. The
inputs of a block are its options and every file under its folder that is
not another example: the script itself, the scripts it imports or names
(``"multiprocessing_remote_server.py"``), every module there (a ``.py``
file without a ``__main__`` guard) and every data file, in any subfolder.
``__pycache__`` is left out: Python writes it, and reads only what matches
the sources. Another example (a script with a ``__main__`` guard) counts
only when the script imports or names it; a module it imports counts
whatever it holds, in a subfolder too (``from sub import helper``).
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import stat
from pathlib import Path

from . import paths, reaper, tree

_GUARD = "__main__"


_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


def _module_files(dotted, names=()):
    """The files that importing ``dotted`` (and ``names`` from it) may load from
    the script's folder: each package on the way (``sub/__init__.py``) or the
    module itself (``sub/helper.py``), and each name taken from the last one,
    which may be a module of its own (``from sub import helper``)."""
    parts = dotted.split(".")
    found = []
    for end in range(1, len(parts) + 1):
        found += ["/".join(parts[:end]) + ".py", "/".join([*parts[:end], "__init__.py"])]
    found += [f"{'/'.join(parts)}/{name}{tail}" for name in names
              for tail in (".py", "/__init__.py")]
    return found


def _named(node, folder):
    """The files of ``folder`` that one node of a script's syntax tree imports or
    names: modules, in any subfolder, whether or not they have a ``__main__``
    guard, and the scripts it names (``"multiprocessing_remote_server.py"``)."""
    if isinstance(node, ast.Import):
        names = [f for alias in node.names for f in _module_files(alias.name)]
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        names = _module_files(node.module, [a.name for a in node.names if a.name != "*"])
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
            and 0 < len(node.value) <= 200 and "\0" not in node.value:
        text = node.value
        if text.endswith(".py"):
            names = [text]
        elif _DOTTED.fullmatch(text):  # a name importlib.import_module() may be given
            names = _module_files(text)
        else:
            names = [text.split(".")[0] + ".py"]
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
    """Whether ``path`` is a script of its own (a ``.py`` file with a ``__main__`` guard).

    Every digest asks it of every file of the folder, so it takes plain
    strings and ``open`` (pathlib's objects cost half the time): a name
    ends in ``.py`` as pathlib's ``suffix`` has it, not ``.py`` alone.
    """
    name = os.path.basename(path)
    if not name.endswith(".py") or len(name) == 3:
        return False
    try:
        with open(path, "rb") as f:
            return _GUARD.encode() in f.read()
    except OSError:
        return False


def _regular(path):
    """Whether ``path`` is a regular file, or a link that leads nowhere (its text
    is then its content). A FIFO, a socket or a device holds no data to digest,
    and opening a FIFO would wait for a writer for ever."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return os.path.islink(path)


def _files(folder):
    """Every file under ``folder``, by its path relative to it, ``__pycache__`` left
    out, links followed as :func:`.tree.walk` follows them (the snapshot too)."""
    found = []
    for top, _, files in tree.walk(folder, skip={"__pycache__"}):
        under = os.path.relpath(top, folder)  # once a folder: relpath is slow
        found += [f if under == "." else os.path.join(under, f) for f in files
                  if _regular(os.path.join(top, f))]
    return sorted(found)


def dependencies(script, folder=None, one_pass=None):
    """The script, every module and data file of its folder, and the scripts it names.

    ``one_pass`` (see :func:`digest`) keeps the folder's files and what each
    script names for the rest of the pass: a check of every block then
    lists the folder and parses each script once, not once per block.
    """
    folder = Path(folder or paths.EXAMPLES)
    known = {} if one_pass is None else one_pass
    modules = ("modules", str(folder))
    if modules not in known:
        known[modules] = frozenset(name for name in _files(folder)
                                   if not _is_example(os.path.join(folder, name)))
    seen = set(known[modules])
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
        named = ("named", str(folder), name)
        if named not in known:
            known[named] = _names_in(path, folder)
        todo += known[named]
    return seen


def _names_in(path, folder):
    """The files of ``folder`` that the script ``path`` imports or names."""
    try:
        tree = ast.parse(path.read_bytes())
    except (SyntaxError, ValueError, OSError):
        return []  # running it will say what is wrong
    return [name for node in ast.walk(tree) for name in _named(node, folder)]


_CHUNK = 1 << 20
"""Bytes read at a time: a stop is looked for between two reads."""


def _hashed(state, name, path):
    """A copy of the hash ``state`` fed one input: its name and its bytes (or the
    text of a link that cannot be followed), a chunk at a time, so that a stop
    (:class:`~.reaper.Stopped`) comes through a file of any size."""
    name = name.encode("utf-8", "surrogateescape") + b"\0"
    h = state.copy()
    h.update(name)
    try:
        with open(path, "rb") as f:
            while chunk := f.read(_CHUNK):
                if reaper.stopping():
                    raise reaper.Stopped()
                h.update(chunk)
    except OSError:
        h = state.copy()
        try:
            h.update(name + b"link to " + os.fsencode(os.readlink(path)))
        except OSError:
            h.update(name + b"unreadable")
    h.update(b"\0")
    return h


def digest(script, options, one_pass=None):
    """A fingerprint of everything an example's output depends on.

    ``one_pass`` is a dict that a pass over many blocks (``--check``, the
    planning of a regeneration) gives every call: the inputs that blocks
    share are then read and hashed once, not once per block. It holds what
    the files were at that moment, so it lives for one pass only.
    """
    if reaper.stopping():
        raise reaper.Stopped()
    folder = paths.EXAMPLES / options.cwd
    state, key = hashlib.sha256(), (str(folder),)
    for name in sorted(dependencies(script, folder, one_pass)):
        key += (name,)
        known = one_pass.get(key) if one_pass is not None else None
        if known is None:
            known = _hashed(state, name, folder / name)
            if one_pass is not None:
                one_pass[key] = known
        state = known
    h = state.copy()
    h.update(options.key().encode())
    return h.hexdigest()[:16]
