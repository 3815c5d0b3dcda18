"""Writing the pages: all of them or none, never over an edit made while the
examples ran, never once a stop was asked for, and byte-identical where
nothing changed (line endings, mode, and a page that is a link: its target
is what gets written)."""

from __future__ import annotations

import contextlib
import difflib
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path

from . import paths, reaper
from .page import BlockError, run_cog

_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


class PageChanged(Exception):
    """A page that someone changed while its examples ran."""


def read(page):
    """A page's bytes, or a :class:`BlockError` naming it."""
    try:
        return Path(page).read_bytes()
    except OSError as error:
        raise BlockError(f"{paths.shown(page)}: cannot be read: {error.strerror}") from None


def _split(text):
    """The lines of ``text`` as ``(line, ending)`` pairs, ending as Python's text
    files end a line (``\\n``, ``\\r\\n``, ``\\r``: how cog reads a page)."""
    pairs = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip(b"\r\n")
        pairs.append((body, line[len(body):]))
    return pairs


def _endings(original, new):
    """``new`` (cog's output, every line ending in ``\\n``) with the line endings
    of ``original``: each line that cog kept keeps its own, and each line it
    wrote takes the ending of the kept line before it (the block's marker)."""
    if b"\r" not in original:
        return new
    old, made = _split(original), _split(new)
    matcher = difflib.SequenceMatcher(None, [b for b, _ in old], [b for b, _ in made],
                                      autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [body + ending for body, ending in old[i1:i2]]
            continue
        before = (old[i1 - 1][1] if i1 else old[0][1] if old else b"") or b"\n"
        out += [body + (before if ending else b"") for body, ending in made[j1:j2]]
    return b"".join(out)


def cog_to_temporary(page, original, filler):
    """Cog ``page`` into a new file beside the file it names; return its path, or
    None when the result is ``original`` byte for byte."""
    target = Path(os.path.realpath(page))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        run_cog(page, tmp, filler)
        new = _endings(original, Path(tmp).read_bytes())
        if new == original:
            os.unlink(tmp)
            return None
        Path(tmp).write_bytes(new)
        os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


@contextlib.contextmanager
def _signals_held():
    """Hold back Ctrl-C, SIGTERM and SIGHUP (in the main thread) for a moment."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def unchanged_or_raise(originals):
    """Raise :class:`PageChanged` for the first page whose bytes are not those read."""
    for page, original in originals.items():
        try:
            now = Path(page).read_bytes()
        except OSError:
            now = None
        if now != original:
            raise PageChanged(f"{paths.shown(page)} changed while its examples ran; "
                              "run paver cog again")


def replace_all(temporaries, originals, report):
    """Put each temporary file in place of its page; the pages written.

    Every page is checked first, and none is written if one changed since it
    was read. Each page is checked again, and the stop flag too, with the
    stop signals held back, just before it is replaced: once a stop is asked
    for, no page is written.
    """
    written = []
    try:
        unchanged_or_raise(originals)
        for page, tmp in list(temporaries.items()):
            with _signals_held():
                if reaper.stopping():
                    break
                unchanged_or_raise({page: originals[page]})
                os.replace(tmp, os.path.realpath(page))
                del temporaries[page]
            written.append(page)
            report(f"updated {paths.shown(page)}")
    finally:
        for tmp in temporaries.values():
            os.unlink(tmp)
    return written
