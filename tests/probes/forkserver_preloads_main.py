#!/usr/bin/env python3
"""The fork server imports the main script once from 3.13.8 and 3.14.1, never a python -m module."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import multiprocessing, os
if __name__ != "__main__":
    os.write(1, f"import {os.getpid()}\\n".encode())

def work():
    os.write(1, f"child {os.getpid()}\\n".encode())

if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    children = [ctx.Process(target=work) for _ in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join()
"""


def importers(command, folder):
    """Who imported the script again: "server" once, or "child" once per child."""
    out = subprocess.run([sys.executable, *command], cwd=folder, capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    lines = [line.split() for line in out.stdout.splitlines()]
    children = {pid for what, pid in lines if what == "child"}
    assert len(children) == 3, out.stdout
    return sorted("child" if pid in children else "server"
                  for what, pid in lines if what == "import")


if __name__ == "__main__":
    preloads = sys.version_info >= (3, 14, 1) or (3, 13, 8) <= sys.version_info < (3, 14)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "pkg").mkdir()
        Path(folder, "pkg", "__init__.py").write_text("")
        Path(folder, "pkg", "job.py").write_text(SCRIPT)
        # Run as a script: preloaded once by the server, or imported by each child.
        assert importers(["pkg/job.py"], folder) == (
            ["server"] if preloads else ["child"] * 3)
        # Run with -m: never preloaded; each child imports it.
        assert importers(["-m", "pkg.job"], folder) == ["child"] * 3
