"""Which Python captures a block's output, and what to say about where it came from.

The candidates are the Python running the runner and the environments that
``paver pythons`` (``tools/pythons.py``) makes in ``.pythons/venvs/``, one
per Python version, each with the examples' dependencies installed. A block
is captured with the newest candidate whose version its ``python`` option
covers, so the article shows the output of the newest Python there is.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import subprocess
import sys

from .paths import ROOT, shown

VENVS = ROOT / ".pythons" / "venvs"
"""Where ``paver pythons`` puts one environment per Python version."""

_PROBE = (
    "import json, multiprocessing, platform, sys;"
    "print(json.dumps([list(sys.version_info[:2]), platform.python_version(),"
    " multiprocessing.get_start_method(), platform.system()]))"
)


_KEPT = ("PATH", "LD_LIBRARY_PATH")
"""The caller's variables a probe gets: what finds a program and its libraries."""


class NoPythonError(Exception):
    """No Python that a block's output belongs to is installed here."""


class ProbeError(Exception):
    """A Python that did not answer a question about itself; the message names it."""


def ask(python, code):
    """What ``python`` prints, as JSON, when it runs ``code``.

    It runs isolated (``-I``) in a clean environment, so nothing in the
    caller's shell (``PYTHONHOME``, ``PYTHONPATH``...) changes the answer or
    stops that Python from starting. Raises :class:`ProbeError`, naming it.
    """
    env = {k: os.environ[k] for k in _KEPT if k in os.environ}
    env["LC_ALL"] = "C.UTF-8"
    try:
        done = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True,
                              env=env, stdin=subprocess.DEVNULL, timeout=60)
        if done.returncode:
            last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise ProbeError(f"{shown(python)} does not run: {last}")
        return json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        raise ProbeError(f"{shown(python)} does not run: {error}") from None


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where an output came from: the interpreter, its version, start method, platform."""

    python: str
    version: tuple[int, int]
    release: str
    start_method: str
    system: str

    def caption(self):
        """How an output block names its origin."""
        return f"Python {self.release} on {self.system}, default start method {self.start_method}"


@functools.cache
def origin(python=None):
    """The :class:`Origin` of ``python`` (default: the Python running this module)."""
    python = python or sys.executable
    version, release, start_method, system = ask(python, _PROBE)
    return Origin(python, tuple(version), release, start_method, system)


@functools.cache
def candidates():
    """Every Python that can capture output, by version, newest first."""
    found = {}
    for python in [sys.executable, *sorted(str(p) for p in VENVS.glob("*/bin/python"))]:
        try:
            o = origin(python)
        except ProbeError:
            continue  # a broken environment: `paver pythons` remakes it
        found.setdefault(o.version, o)
    return [found[v] for v in sorted(found, reverse=True)]


def for_options(options):
    """The :class:`Origin` that captures a block with ``options``: the newest it covers."""
    for o in candidates():
        if options.covers(o.version):
            return o
    have = ", ".join(f"{o.version[0]}.{o.version[1]}" for o in candidates())
    raise NoPythonError(f"no Python {options.python} to capture with (found {have}); "
                        "run paver pythons")


def newest():
    """The :class:`Origin` of the newest Python found, which captures unversioned blocks."""
    return candidates()[0]
