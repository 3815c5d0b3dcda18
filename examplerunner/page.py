"""The page side: cog blocks that embed an example's output.

Cog itself reads and writes the pages, so a broken block is reported by cog
with its file and line. Who answers the ``block()`` calls of a page's cog
code (:mod:`.api`) is set here, with :func:`filling`: nobody (the example
runs there and then), :func:`find_blocks`, or a regeneration.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
import json
import os
import re
import shlex
from pathlib import Path

from cogapp import Cog
from cogapp.cogapp import CogError, CogGeneratedError

from . import timeline
from .options import Options
from .paths import shown

MARKERS = ("{{{cog", "}}}", "{{{end}}}")
LEGACY_DIGEST_PREFIX = ".. inputs digest: "
"""How a page kept a block's inputs digest before the lock (:mod:`.lock`): a
page that still has one is read as if the lock held it, and the next
``paver cog`` moves it there."""
RECORD_PREFIX = ".. timeline record: "
"""Where a timeline block keeps the record its drawing was made from, and the
caption naming where it came from, so that the drawing can be made again,
the same, without a new run (a comment: the reader does not see it)."""
_COMMAND = re.compile(r"( +)\$ python3 ")


class BlockError(Exception):
    """A page whose cog blocks cannot be read or run; the message names page and line."""


@dataclasses.dataclass(frozen=True)
class Block:
    """One cog block of a page: which script it runs, how, and what it shows."""

    path: Path
    line: int
    script: str
    options: Options
    embedded: str | None
    digest: str | None
    """The digest of the inputs its embedded output was made from (:mod:`.lock`)."""
    caption: str = ""
    """The origin its embedded output names: Python version, platform, start method."""
    timeline: tuple[str, dict] | None = None
    """A timeline block's embedded drawing: ``(caption, record)``, or None."""

    @property
    def name(self):
        return f"{shown(self.path)}:{self.line} ({self.script})"


def marker_in(output):
    """The first cog marker that occurs in ``output``, or None."""
    return next((m for m in MARKERS if m in output), None)


def _tab_label(options):
    """The tab a versioned block is shown in: "Python 3.11–3.13", "Python 3.14 and newer"."""
    oldest, newest = options.versions()
    if newest is None:
        return f"Python 3.{oldest} and newer"
    return f"Python 3.{oldest}" if newest == oldest else f"Python 3.{oldest}–3.{newest}"


def format_block(script, output, options, caption="", drawn=None):
    """The reST a cog block embeds: a shell session and its origin.

    A block whose output belongs to some Python versions only is a tab of
    ``sphinx-inline-tabs``; the tabs of consecutive blocks form one set. A
    timeline block shows, under its output, the drawing of the record that
    the same run wrote: ``drawn`` is ``(caption, record)``, where the caption
    names the Python, start method, cores and machine it came from.
    """
    command = shlex.join(["python3", script, *options.args])
    lines = [".. code-block:: none", "    :class: example-output"]
    if caption:
        lines.append(f"    :caption: Output: {caption}")
    lines += ["", "    $ " + command]
    lines += ["    " + line if line else "" for line in output.split("\n")]
    if drawn is not None:
        where, record = drawn
        figure = timeline.figure_html(record, where, _figure_id(script, options))
        lines += ["", ".. raw:: html", ""] + ["    " + line for line in figure.split("\n")]
        kept = {"caption": where, "record": timeline.normalised(record)}
        lines += ["", RECORD_PREFIX + _spaced(json.dumps(kept, ensure_ascii=False,
                                                         separators=(",", ":")))]
    if options.python:
        lines = [f".. tab:: {_tab_label(options)}", ""] + [
            "   " + line if line else "" for line in lines]
    return "\n".join(["", *lines, ""]) + "\n"


def _figure_id(script, options):
    """An ID for a timeline's figure, the same for the same block, unique in a page."""
    stem = Path(script).stem.lower().removeprefix("multiprocessing_").removeprefix("timeline_")
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    if not options.args and not options.env and options.cwd == ".":
        return f"timeline-{stem}"
    return f"timeline-{stem}-{hashlib.sha256(options.key().encode()).hexdigest()[:6]}"


def _spaced(text):
    """JSON ``text`` with a space after each brace that closes an object, so that
    no three of them make the marker that ends a cog block (a record whose
    own text holds a marker is refused before: see :mod:`.recording`)."""
    out, inside, escaped = [], False, False
    for c in text:
        out.append(c)
        if inside:
            escaped, inside = (False, True) if escaped else (c == "\\", c != '"')
        elif c == '"':
            inside = True
        elif c == "}":
            out.append(" ")
    return "".join(out).rstrip(" ")


def parse_timeline(text):
    """``(caption, record)`` of the drawing :func:`format_block` embedded, or None."""
    for line in text.split("\n"):
        body = line.lstrip(" ")
        if body.startswith(RECORD_PREFIX) and len(line) - len(body) <= 3:
            try:
                kept = json.loads(body[len(RECORD_PREFIX):])
                caption, record = kept["caption"], timeline.normalised(kept["record"])
            except (ValueError, KeyError, TypeError):
                return None
            return (caption, record) if isinstance(caption, str) else None
    return None


def parse_block(text):
    """The output in the text :func:`format_block` made; None where there is none."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _COMMAND.match(line)]
    if not starts:
        return None
    indent = _COMMAND.match(lines[starts[0]])[1]
    shown_lines = []
    for line in lines[starts[0] + 1:]:
        if line and not line.startswith(indent):
            break
        shown_lines.append(line[len(indent):])
    return "\n".join(shown_lines).strip("\n")


def legacy_digest(text):
    """The inputs digest a block's text kept itself, from before the lock; or None.

    It stands four spaces left of the command: at the margin, or inside a
    tab; an output line that looks like one is further in.
    """
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _COMMAND.match(line)]
    margins = [len(_COMMAND.match(lines[starts[0]])[1]) - 4] if starts else [0, 3]
    return next((line[len(LEGACY_DIGEST_PREFIX) + m:].strip() for line in lines
                 for m in margins if line.startswith(" " * m + LEGACY_DIGEST_PREFIX)), None)


def parse_caption(text):
    """The origin an embedded block names in its caption, or ""."""
    found = re.search(r"^ *:caption: Output: (.*)$", text, re.MULTILINE)
    return found[1] if found else ""


# Who answers block() calls: None (run the example), or a function of the
# block and the text embedded now, which returns the text to embed.
_filler: contextvars.ContextVar = contextvars.ContextVar("examplerunner_filler", default=None)


@contextlib.contextmanager
def filling(answer):
    token = _filler.set(answer)
    try:
        yield
    finally:
        _filler.reset(token)


def filler():
    """Who answers block() calls now: None, or the function :func:`filling` set."""
    return _filler.get()


def _one_line(error, page):
    """A cog error as ``page:line: message``."""
    if isinstance(error, SyntaxError):
        where = re.match(r"<cog (.*):(\d+)>$", error.filename or "")
        if where:
            line = int(where[2]) + (error.lineno or 1) - 1
            return f"{shown(where[1])}:{line}: syntax error in the cog code: {error.msg}"
        return f"{shown(page)}: syntax error in the cog code: {error.msg}"
    text = str(error)
    frames = re.findall(r'File "([^"]+\.rst)", line (\d+)', text)
    if frames:
        last = text.strip().splitlines()[-1]
        return f"{shown(frames[-1][0])}:{frames[-1][1]}: error in the cog code: {last}"
    located = re.match(r"(.*)\((\d+)\): (.*)", text, re.DOTALL)
    if isinstance(error, CogGeneratedError) or not located:
        return text
    return f"{shown(located[1])}:{located[2]}: {located[3]}"


def run_cog(page, out, filler):
    """Run cog over ``page``, writing to ``out``, with ``filler`` answering block()."""
    argv = ["cog", "--markers=" + " ".join(MARKERS), "-o", str(out), str(page)]
    try:
        with filling(filler):
            Cog().callable_main(argv)
    except (CogError, SyntaxError) as error:
        raise BlockError(_one_line(error, page)) from None
    except UnicodeDecodeError as error:
        raise BlockError(f"{shown(page)}: not UTF-8 text (byte {error.start} is "
                         f"{error.object[error.start:error.start + 1]!r})") from None
    except OSError as error:
        raise BlockError(f"{shown(error.filename or page)}: {error.strerror}") from None


def find_blocks(path):
    """Every cog block of ``path`` that embeds an example's output, in page order."""
    found = []

    def note(found_block, previous):
        found.append(found_block)
        return previous

    run_cog(Path(path), os.devnull, note)
    return found
