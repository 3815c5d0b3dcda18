"""Where the project's parts live, and how a page named on the command line is found."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(os.environ.get("EXAMPLERUNNER_EXAMPLES") or ROOT / "examples").absolute()
"""The examples' folder: no example runs from, or may change anything, outside
it. ``EXAMPLERUNNER_EXAMPLES`` names another one (the tests use fixtures)."""
SOURCE = Path(os.environ.get("EXAMPLERUNNER_SOURCE") or ROOT / "source").absolute()
"""The article's pages, every one of which no example may change.
``EXAMPLERUNNER_SOURCE`` names another folder (the tests use their own, so
that an edit to the article meanwhile is not taken for an example's write)."""
BUILD = ROOT / "build"
HOOK = Path(__file__).resolve().parent / "hook"
"""First on every example's PYTHONPATH: its ``sitecustomize`` sets the start
method and tells the runner when the script is about to run."""
SESSION = Path(__file__).resolve().parent / "session.py"
"""The program that leads an example's terminal session, as a shell would."""

SPHINX_BUILD = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-c", str(ROOT),
                str(SOURCE)]
"""How the article is built: warnings are errors, every reference must resolve."""
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
PARALLEL = ["-j", str(CORES + 1)]
"""How ``paver html`` builds it faster: in parallel, with one process more than
the cores this process may use (the first process prepares each page while
the others write, so one more keeps every core busy). On two cores a clean
build takes 3.7-4.1 s so, against 4.6-5.5 s in one process; with another
program keeping one core busy, 5.1-5.7 s against 5.2-6.0 s.
``benchmarks/tooling.py`` times both ways.
The tests build in one process: their workers already keep every core busy."""


class PageError(Exception):
    """A page named on the command line does not exist or is not a page."""


def pages(source=None):
    """Every page of the article (or of the folder ``source``), in a stable order."""
    return sorted(Path(source or SOURCE).rglob("*.rst"))


def distinct(pages):
    """``pages`` less those that are another one under a second name (a symbolic
    link to it, or a link both lead through): the first name of each stays."""
    seen = {}
    for page in pages:
        seen.setdefault(os.path.realpath(page), Path(page))
    return list(seen.values())


def resolve_pages(names, source=None):
    """The pages that ``names`` mean: files, folders of pages, or names inside ``source/``.

    ``index.rst`` and ``source/index.rst`` both name the first page; a
    folder names every page in it. Anything else is a :class:`PageError`
    whose message says what was expected.
    """
    source = source or SOURCE
    if not names:
        return distinct(pages(source))
    found = []
    for name in names:
        path = Path(name)
        candidates = [path] if path.is_absolute() else [path, Path(source) / path]
        for candidate in candidates:
            if candidate.is_dir():
                inside = pages(candidate)
                if not inside:
                    raise PageError(f"{name}: a folder without .rst pages")
                found += inside
                break
            if candidate.is_file():
                if candidate.suffix != ".rst":
                    raise PageError(f"{name}: not a page (pages are .rst files)")
                found.append(candidate)
                break
        else:
            known = ", ".join(p.name for p in pages(source))
            raise PageError(f"{name}: no such page (the pages are {known})")
    resolved = []
    for page in found:
        try:
            resolved.append(page.resolve(strict=True))
        except (OSError, RuntimeError) as error:  # RuntimeError: a link loop, before 3.13
            why = getattr(error, "strerror", None) or "a loop of symbolic links"
            raise PageError(f"{shown(page)}: cannot be read: {why}") from None
    return list(dict.fromkeys(resolved))


def shown(path):
    """A path as a message names it: relative to the project where it can be."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
