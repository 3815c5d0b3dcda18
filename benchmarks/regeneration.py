#!/usr/bin/env python3
"""Time `paver cog` and `paver html` against the targets they are built for.

    python benchmarks/regeneration.py

Works on copies of the pages, so the article itself is never rewritten.
Prints one table: full regeneration, the serial sum of every example's
time, the slowest example, their ratios, regeneration with nothing changed,
and the HTML build from clean and after touching one page.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import examplerunner

PAVER = [sys.executable, "-c", "import paver.tasks; paver.tasks.main()"]


def timed(command, **kwargs):
    started = time.perf_counter()
    subprocess.run(command, cwd=examplerunner.ROOT, check=True,
                   stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def serial_runs():
    """Each example alone, one after another: (sum of seconds, slowest, its name)."""
    times = {}
    for page in examplerunner.pages():
        for b in examplerunner.find_blocks(page):
            times[b.script] = examplerunner.run(b.script, b.options).seconds
    slowest = max(times, key=times.get)
    return sum(times.values()), times[slowest], slowest, len(times)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = []
        for page in examplerunner.pages():
            copy = tmp / "pages" / page.relative_to(examplerunner.SOURCE)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, copy)
            pages.append(str(copy))

        full = timed([*PAVER, "cog", "--force", *pages])
        unchanged = timed([*PAVER, "cog", *pages])
        serial, slowest, slowest_name, count = serial_runs()

        html = tmp / "html"
        build = [*examplerunner.SPHINX_BUILD, "-q", "-b", "html", str(html)]
        clean = timed(build)
        page = examplerunner.SOURCE / "index.rst"
        os.utime(page)  # touch: the content stays, Sphinx sees a newer file
        touched = timed(build)

    full_target = 1.3 * slowest + 1
    rows = [
        ("full regeneration (paver cog --force)", full, f"<= {full_target:.1f} s",
         full <= full_target),
        ("serial sum of all examples", serial, "", None),
        (f"slowest example ({slowest_name})", slowest, "", None),
        ("full / slowest", full / slowest, "", None),
        ("serial sum / full", serial / full, "", None),
        ("nothing changed (paver cog)", unchanged, "<= 1.0 s", unchanged <= 1.0),
        ("paver html, clean", clean, "<= 10.0 s", clean <= 10.0),
        ("paver html, one page touched", touched, "<= 3.0 s", touched <= 3.0),
    ]
    print(f"{count} examples, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print(f"{'measure':<52} {'value':>8}  {'target':<10} result")
    for name, value, target, ok in rows:
        unit = "x" if "/" in name else "s"
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{name:<52} {value:>7.2f}{unit}  {target:<10} {verdict}")


if __name__ == "__main__":
    main()
