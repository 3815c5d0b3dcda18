"""The inputs lock: which inputs each embedded output was made from, kept beside the pages.

``source/inputs.lock`` maps each block's script and options to the digest of
the inputs (:mod:`.staleness`) that its embedded output was made from. It
lives beside the pages, not in them, so that an edit that changes no output
(a comment in a helper module every example imports) changes this file
alone, and a page changes only where what its reader sees changes. A block
whose entry is missing, or differs from today's digest, is stale. One entry
serves every page that shows the same script with the same options, and a
block moved to another page keeps its entry.

The file is JSON, one entry a line in a stable order, so that its diffs are
short; it is replaced whole and at once, never left half-written.
"""

from __future__ import annotations

import json
import os
import tempfile

from . import paths

NAME = "inputs.lock"


class LockError(Exception):
    """A lock file that cannot be read: the message names it and says what to do."""


def where():
    return paths.SOURCE / NAME


def key(script, options):
    """The entry of a block: its script and the canonical text of its options."""
    return f"{script} {options.key()}"


def read():
    """The entries, by :func:`key`; none if there is no lock file yet."""
    path = where()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise LockError(f"{paths.shown(path)}: cannot be read ({error}); delete it and run "
                        "paver cog, which runs every example again") from None
    try:
        entries = json.loads(text)
    except ValueError as error:
        raise LockError(f"{paths.shown(path)}: not JSON ({error}); delete it and run paver "
                        "cog, which runs every example again") from None
    if not isinstance(entries, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        raise LockError(f"{paths.shown(path)}: not a map of blocks to digests; delete it and "
                        "run paver cog, which runs every example again")
    return entries


def text_of(entries):
    """The file's text: one entry a line, sorted, ending in a line break."""
    if not entries:
        return "{}\n"
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}"
             for k, v in sorted(entries.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write(entries):
    """Replace the lock file with ``entries`` at once; True if its text changed."""
    path = where()
    text = text_of(entries)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{NAME}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True
