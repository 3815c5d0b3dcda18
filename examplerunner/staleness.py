"""Staleness: everything an example's output depends on, as one digest.

The inputs of a block are its script, the example modules it imports, the
scripts it names (a script that starts another one), the data files and
folders it names (``"corpus"``, ``"data/*.txt"``), and the block's options.
The runner checks the claim: an example that opens a file under
``examples/`` that is not among its inputs fails (see ``regenerate``).
"""

from __future__ import annotations

import ast
import glob
import hashlib
from pathlib import Path

from .paths import EXAMPLES


def _named(node, folder):
    """Example files that one node of a script's syntax tree names."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] + ".py" for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and not node.level:
        return [node.module.split(".")[0] + ".py"]
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return []
    text = node.value
    if not text or "\n" in text or "\0" in text or len(text) > 200 or text.strip(".") == "":
        return []
    if any(c in text for c in "*?["):
        matches = glob.glob(text, root_dir=folder, recursive=True)
        return [m for m in matches if (folder / m).is_file()]
    path = folder / text
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
        if not inside or path.resolve() == folder.resolve():
            return []
        if path.is_dir():
            return [str(p.relative_to(folder)) for p in sorted(path.rglob("*"))
                    if p.is_file() and "__pycache__" not in p.parts]
        return [text] if path.is_file() else []
    except (OSError, ValueError):
        return []


def dependencies(script, folder=EXAMPLES):
    """The script and every file of its folder it imports, runs or names, recursively."""
    folder = Path(folder)
    seen, todo = set(), [script]
    while todo:
        name = todo.pop()
        path = folder / name
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        if path.suffix != ".py":
            continue
        try:
            tree = ast.parse(path.read_bytes())
        except SyntaxError:
            continue  # running it will say what is wrong
        for node in ast.walk(tree):
            todo += _named(node, folder)
    return seen


def digest(script, options):
    """A fingerprint of everything an example's output depends on."""
    folder = EXAMPLES / options.cwd
    h = hashlib.sha256()
    for name in sorted(dependencies(script, folder)):
        h.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    h.update(options.key().encode())
    return h.hexdigest()[:16]
