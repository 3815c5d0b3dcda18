"""Running an example that records a timeline, and saying where the timeline came from.

A block with ``timeline=True`` runs its example with ``TIMELINE`` set to a
file in a temporary folder (never under ``examples/``): the example writes
its record there (see :mod:`.timeline`), and the page shows the drawing of
that record under the output of the same run. A reader does the same by
hand: ``TIMELINE=run.json python3 EXAMPLE.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

from . import timeline
from .options import Options
from .process import ExampleError, run
from .pythons import ask

VARIABLE = "TIMELINE"
"""The environment variable that names the file an example writes its record to."""

_MACHINE = (
    "import json, os, platform\n"
    "cores = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') "
    "else os.cpu_count()\n"
    "model = ''\n"
    "try:\n"
    "    with open('/proc/cpuinfo') as f:\n"
    "        model = next((l.split(':', 1)[1].strip() for l in f "
    "if l.startswith('model name')), '')\n"
    "except OSError:\n"
    "    pass\n"
    "print(json.dumps([cores, platform.machine(), model]))\n"
)


def machine(python):
    """The machine ``python`` runs on, as a timeline's caption names it:
    ``"2 cores of an AMD EPYC 7B13 (x86_64)"``. The cores are those a process
    may use there (its affinity), which is what a pool of its size gets."""
    cores, arch, model = ask(python, _MACHINE)
    model = " ".join(model.replace("(R)", "").replace("(TM)", "").split())
    what = f"of an {model}" if model[:1].upper() in "AEIOU" else f"of a {model}"
    count = f"{cores} core{'s' if cores != 1 else ''}"
    return f"{count} {what} ({arch})" if model else f"{count} ({arch})"


def run_recorded(script, options, **how):
    """Run ``script`` with ``TIMELINE`` set, as :func:`.process.run` does (``how``
    are its keywords); return its :class:`.process.Result` and the record it
    wrote, checked. Raises :class:`.process.ExampleError` if it wrote none, or
    one that :mod:`.timeline` cannot draw."""
    folder = tempfile.mkdtemp(prefix="timeline-")
    path = os.path.join(folder, "record.json")
    try:
        given = Options.make(options, timeline=False,
                             env={**dict(options.env), VARIABLE: path})
        result = run(script, given, **how)
        try:
            with open(path, encoding="utf-8") as f:
                record = json.load(f)
            timeline.check(record)
            marker = next((m for t in timeline.texts(record) for m in ("{{{", "}}}") if m in t),
                          None)
            if marker:
                raise ValueError(f"its text holds {marker!r}, which would end its cog block")
        except FileNotFoundError:
            raise ExampleError(script, f"it wrote no timeline record to ${VARIABLE}",
                               result.output, result.seconds) from None
        except (OSError, ValueError) as error:
            raise ExampleError(script, f"its timeline record cannot be drawn: {error}",
                               result.output, result.seconds) from None
        return result, record
    finally:
        shutil.rmtree(folder, ignore_errors=True)
