"""What an example printed, made into text a page can show and a test can compare."""

from __future__ import annotations

import functools
import json
import re
import sys
import sysconfig
import unicodedata
from pathlib import Path

from . import helper, paths
from .paths import ROOT
from .pythons import ask

_PATHS_OF_PYTHON = (
    "import json, sys, sysconfig; p = sysconfig.get_paths();"
    "print(json.dumps([p['stdlib'], p['purelib'], sys.prefix, sys.base_prefix]))"
)


def machine_paths(python=None):
    """This machine's absolute paths, longest first, each with a neutral stand-in."""
    return _machine_paths(python, str(paths.EXAMPLES))


@functools.cache
def _machine_paths(python, examples):
    """This machine's absolute paths, longest first, each with a neutral stand-in.

    ``python`` is the interpreter that ran the example, when it is not the
    one running this module: its own library paths are replaced too.
    """
    if python and python != sys.executable:
        stdlib, purelib, prefix, base_prefix = ask(python, _PATHS_OF_PYTHON)
    else:
        paths = sysconfig.get_paths()
        stdlib, purelib = paths["stdlib"], paths["purelib"]
        prefix, base_prefix = sys.prefix, sys.base_prefix
    paths = {
        examples: "/path/to/examples",
        stdlib: "/path/to/lib/python3",
        purelib: "/path/to/site-packages",
        prefix: "/path/to/python",
        base_prefix: "/path/to/python",
        str(ROOT): "/path/to/project",
        str(Path.home()): "/home/user",
    }
    ordered = sorted((p, n) for p, n in paths.items() if p and p != "/")
    ordered.sort(key=lambda item: len(item[0]), reverse=True)
    # A path is replaced only where it stands whole: not inside a longer
    # name (/tmp/adventure for /tmp/adv) and not inside a URL (host/root).
    return [(re.compile(r"(?<![\w./:-])" + re.escape(path) + r"(?![\w-]|\.\w)"), neutral)
            for path, neutral in ordered]


def _overwrite(line):
    """A line as a terminal shows it: each carriage return writes over its start.

    Read from the last part back: each column shows the last part that
    reaches it, so every character is looked at once (linear, however many
    carriage returns a progress bar prints).
    """
    shown, width = [], 0
    for part in reversed(line.split("\r")):
        if len(part) > width:
            shown.append(part[width:])
            width = len(part)
    return "".join(shown)


def _visible(char):
    """Control characters and line separators as escapes, so that no output can
    end the literal block it is shown in or carry markup out of it."""
    if char == "\t" or unicodedata.category(char) not in ("Cc", "Zl", "Zp"):
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


_INVISIBLE = re.compile(r"[^\t\n\x20-\x7e\xa0-\u2027\u202a-\U0010ffff]")


def clean(text, python=None):
    """Terminal output as the reader saw it: lines overwritten by ``\\r`` show
    their last text, trailing blanks go, machine paths become neutral ones,
    and control characters are shown as escapes."""
    text = text.replace("\r\n", "\n")
    lines = []
    for line in text.split("\n"):
        line = _INVISIBLE.sub(lambda m: _visible(m[0]), _overwrite(line).replace("\r", ""))
        for pattern, neutral in machine_paths(python):
            line = pattern.sub(neutral, line)
        lines.append(line.rstrip())
    return "\n".join(lines).strip("\n")


_CARETS = re.compile(r"^\s*[\^~]+\s*$")
_STDLIB_FRAME = re.compile(r'^(\s*File "/path/to/lib/python3/[^"]*", line )\d+')


MASK_TIME_LIMIT = 10.0
"""Seconds a block's mask may take over the outputs it compares. A mask takes
milliseconds; one that backtracks, such as ``(a|a)*c`` (which the check of
nested repetitions in :mod:`.options` cannot tell), could take years."""

_MASKER = ("import json, re, sys; mask, texts = json.load(sys.stdin);"
           "json.dump([re.sub(mask, '<masked>', text) for text in texts], sys.stdout)")


class MaskError(ValueError):
    """A block's mask that could not be applied in its time limit."""


def masked(texts, mask):
    """``texts`` with what ``mask`` matches replaced by ``<masked>``.

    The matching runs in a helper process (:mod:`.helper`), so a mask that
    backtracks is killed after :data:`MASK_TIME_LIMIT` seconds with a
    :class:`MaskError`, and a stop (Ctrl-C, SIGTERM) ends it at once.
    """
    texts = list(texts)
    if mask is None:
        return texts
    try:
        status, out, err = helper.run([sys.executable, "-I", "-S", "-c", _MASKER],
                                      json.dumps([mask, texts]), limit=MASK_TIME_LIMIT)
    except helper.TimedOut:
        raise MaskError(f"mask={mask!r} took more than {MASK_TIME_LIMIT:g} s on its output: "
                        "it backtracks; write it so that one text cannot be matched in many "
                        "ways, as (a|a)* can") from None
    if status:
        last = (err.strip().splitlines() or [f"exit status {status}"])[-1]
        raise MaskError(f"mask={mask!r} could not be applied: {last}")
    return json.loads(out)


def _comparable(text, options):
    """An output whose mask is applied, reduced as :func:`comparable` says."""
    lines = [_STDLIB_FRAME.sub(r"\1N", line) for line in text.split("\n")
             if not _CARETS.match(line)]
    return sorted(lines) if options.unordered else lines


def comparable(text, options):
    """An output reduced to what must not vary between runs and Pythons.

    Traceback details that change between Python versions are dropped: the
    line numbers of frames inside the standard library and the ``^^^``
    markers under a failing expression. A block's ``mask`` hides other text
    that varies, and ``unordered`` compares its lines in any order.
    """
    return _comparable(masked([text], options.mask)[0], options)


def equivalent(embedded, new, options):
    """Whether a new output may keep the embedded text: they differ only where the
    block's options allow (masked text, the order of lines for ``unordered``).

    Narrower than :func:`same_output`, which also forgives what varies between
    Python versions: a page shows what the Python its caption names printed.
    """
    if embedded == new:
        return True
    return _same_lines(*masked([embedded, new], options.mask), options)


def _same_lines(embedded, new, options):
    """Whether two masked outputs hold the same lines, in any order for ``unordered``."""
    def reduced(text):
        lines = text.split("\n")
        return sorted(lines) if options.unordered else lines

    return reduced(embedded) == reduced(new)


_MASKER_MANY = ("import json, re, sys; jobs = json.load(sys.stdin);"
                "json.dump([[re.sub(m, '<masked>', t) for t in ts] for m, ts in jobs], sys.stdout)")


def equivalent_many(items):
    """:func:`equivalent` of each ``(embedded, new, options)``: True, False, or the
    :class:`MaskError` of its mask.

    A regeneration compares dozens of masked outputs at its end, one after
    another: a Python started for each cost more than all the matching. So
    the masks are matched in one helper, within :data:`MASK_TIME_LIMIT` for
    all of them; if that one does not finish in time or fails, each is
    matched alone (:func:`masked`), so that the error names its own mask.
    """
    items = list(items)
    results, pending = [None] * len(items), []
    for i, (embedded, new, options) in enumerate(items):
        if embedded == new:
            results[i] = True
        elif options.mask is None:
            results[i] = equivalent(embedded, new, options)
        else:
            pending.append(i)
    together = None
    if pending:
        jobs = [(items[i][2].mask, [items[i][0], items[i][1]]) for i in pending]
        try:
            status, out, _ = helper.run([sys.executable, "-I", "-S", "-c", _MASKER_MANY],
                                        json.dumps(jobs), limit=MASK_TIME_LIMIT)
            together = json.loads(out) if status == 0 else None
        except (helper.TimedOut, ValueError):
            together = None
    for k, i in enumerate(pending):
        embedded, new, options = items[i]
        try:
            embedded, new = together[k] if together else masked([embedded, new], options.mask)
        except MaskError as error:
            results[i] = error
            continue
        results[i] = _same_lines(embedded, new, options)
    return results


def same_output(expected, actual, options):
    """Whether two outputs agree as far as a block's options require."""
    expected, actual = masked([expected, actual], options.mask)
    return _comparable(expected, options) == _comparable(actual, options)


def same_lines(expected, actual, options):
    """Whether two outputs hold the same lines in any order (a piped run)."""
    expected, actual = masked([expected, actual], options.mask)
    return sorted(_comparable(expected, options)) == sorted(_comparable(actual, options))
