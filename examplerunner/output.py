"""What an example printed, made into text a page can show and a test can compare."""

from __future__ import annotations

import functools
import re
import sys
import sysconfig
import unicodedata
from pathlib import Path

from . import paths
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


def comparable(text, options):
    """An output reduced to what must not vary between runs and Pythons.

    Traceback details that change between Python versions are dropped: the
    line numbers of frames inside the standard library and the ``^^^``
    markers under a failing expression. A block's ``mask`` hides other text
    that varies, and ``unordered`` compares its lines in any order.
    """
    if options.mask:
        text = re.sub(options.mask, "<masked>", text)
    lines = [_STDLIB_FRAME.sub(r"\1N", line) for line in text.split("\n")
             if not _CARETS.match(line)]
    return sorted(lines) if options.unordered else lines


def equivalent(embedded, new, options):
    """Whether a new output may keep the embedded text: they differ only where the
    block's options allow (masked text, the order of lines for ``unordered``).

    Narrower than :func:`same_output`, which also forgives what varies between
    Python versions: a page shows what the Python its caption names printed.
    """
    def reduced(text):
        lines = (re.sub(options.mask, "<masked>", text) if options.mask else text).split("\n")
        return sorted(lines) if options.unordered else lines

    return reduced(embedded) == reduced(new)


def same_output(expected, actual, options):
    """Whether two outputs agree as far as a block's options require."""
    return comparable(expected, options) == comparable(actual, options)


def same_lines(expected, actual, options):
    """Whether two outputs hold the same lines in any order (a piped run)."""
    return sorted(comparable(expected, options)) == sorted(comparable(actual, options))
