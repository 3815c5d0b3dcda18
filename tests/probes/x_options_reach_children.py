#!/usr/bin/env python3
"""Every -X option of the parent reaches spawn and forkserver children from 3.14.4, not only dev."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import sys


def options(queue):
    queue.put(sorted(sys._xoptions))


if __name__ == "__main__":
    for method in ("spawn", "forkserver", "fork"):
        ctx = multiprocessing.get_context(method)
        queue = ctx.Queue()
        child = ctx.Process(target=options, args=(queue,))
        child.start()
        print(method, *queue.get(timeout=20))
        child.join()
"""

if __name__ == "__main__":
    Path("xopt_probe.py").write_text(SCRIPT, encoding="utf-8")
    options = ["dev", "int_max_str_digits=5000", "no_debug_ranges"]
    command = [sys.executable, *(f"-X{o}" for o in options), "xopt_probe.py"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    every = "dev int_max_str_digits no_debug_ranges"
    some = every if sys.version_info >= (3, 14) else "dev"
    assert done.stdout.splitlines() == [f"spawn {some}", f"forkserver {some}",
                                        f"fork {every}"], done.stdout
