"""Which Python captures a block's output, and what to say about where it came from.

The candidates are the Python running the runner and the environments that
``paver pythons`` (``tools/pythons.py``) makes in ``.pythons/venvs/``, one
per Python version, each with the examples' dependencies installed. A block
is captured with the newest candidate whose version its ``python`` option
covers, so the article shows the output of the newest Python there is.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import sys
import threading

from . import helper
from .paths import ROOT, shown

VENVS = ROOT / ".pythons" / "venvs"
"""Where ``paver pythons`` puts one environment per Python version."""

PROBE_TIMEOUT = 10.0
"""Seconds a Python may take to answer a question about itself. One starts in
well under a second, even on a busy machine; one that takes longer (a broken
environment, a network file system that hangs) is given up, and named."""

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


_answers: dict[tuple[str, str], concurrent.futures.Future] = {}
_answers_lock = threading.Lock()


def ask(python, code):
    """What ``python`` prints, as JSON, when it runs ``code``.

    Each question is asked once, however many threads ask it at once: the
    others wait for the first one's answer. Raises :class:`ProbeError`,
    naming the Python, or :class:`~.reaper.Stopped` if a stop came meanwhile.
    """
    key = (str(python), code)
    with _answers_lock:
        answer = _answers.get(key)
        mine = answer is None
        if mine:
            answer = _answers[key] = concurrent.futures.Future()
    if mine:
        try:
            answer.set_result(_ask(str(python), code))
        except ProbeError as error:
            answer.set_exception(error)
        except BaseException as error:  # a stop: whoever asks later asks again
            with _answers_lock:
                del _answers[key]
            answer.set_exception(error)
            raise
    return answer.result()


def _ask(python, code):
    """Run ``code`` in ``python`` and read its answer, within :data:`PROBE_TIMEOUT`.

    It runs isolated (``-I``) in a clean environment, so nothing in the
    caller's shell (``PYTHONHOME``, ``PYTHONPATH``...) changes the answer or
    stops that Python from starting; a stop ends it at once (see :mod:`.helper`).
    """
    env = {k: os.environ[k] for k in _KEPT if k in os.environ}
    env["LC_ALL"] = "C.UTF-8"
    try:
        status, out, err = helper.run([python, "-I", "-c", code], limit=PROBE_TIMEOUT, env=env)
    except OSError as error:
        raise ProbeError(f"{shown(python)} does not run: {error.strerror}") from None
    except helper.TimedOut:
        raise ProbeError(f"{shown(python)} did not answer within {PROBE_TIMEOUT:g} s") from None
    if status:
        last = (err.strip().splitlines() or [f"exit status {status}"])[-1]
        raise ProbeError(f"{shown(python)} does not run: {last}")
    try:
        return json.loads(out)
    except ValueError:
        raise ProbeError(f"{shown(python)} answered {out[:200]!r}") from None


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


def origin(python=None):
    """The :class:`Origin` of ``python`` (default: the Python running this module)."""
    python = python or sys.executable
    version, release, start_method, system = ask(python, _PROBE)
    return Origin(python, tuple(version), release, start_method, system)


_found: list[Origin] = []
_found_lock = threading.Lock()


def candidates():
    """Every Python that can capture output, by version, newest first.

    They are asked at once, so one that hangs costs :data:`PROBE_TIMEOUT`
    however many there are; one that does not answer is named on stderr and
    left out (``paver pythons`` remakes a broken environment).
    """
    with _found_lock:
        if not _found:
            pythons = [sys.executable, *sorted(str(p) for p in VENVS.glob("*/bin/python"))]
            with concurrent.futures.ThreadPoolExecutor(len(pythons)) as pool:
                asked = [pool.submit(origin, python) for python in pythons]
            found = {}
            for answer in asked:
                try:
                    o = answer.result()
                except ProbeError as error:
                    print(f"warning: {error}; it is left out", file=sys.stderr)
                    continue
                found.setdefault(o.version, o)
            _found[:] = [found[v] for v in sorted(found, reverse=True)]
        return list(_found)


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
