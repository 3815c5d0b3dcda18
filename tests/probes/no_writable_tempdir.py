#!/usr/bin/env python3
"""Without a writable temp dir forkserver and a Manager fail; from 3.14.9 the default is spawn."""

import os
import subprocess
import sys
from pathlib import Path

# Stands in for a read-only file system: root may write to a read-only
# directory, but nobody can create a file in /proc.
NO_TEMP = """\
import tempfile
tempfile._candidate_tempdir_list = lambda: ["/proc"]
"""

SCRIPT = """\
import multiprocessing
import tempfile


def work():
    pass


if __name__ == "__main__":
    try:
        print("temp", tempfile.gettempdir())
    except OSError as error:
        print("temp", type(error).__name__)
    print("default", multiprocessing.get_start_method())
    for method in (None, "forkserver"):
        child = multiprocessing.get_context(method).Process(target=work)
        try:
            child.start()
        except OSError as error:
            print(method, type(error).__name__)
        else:
            child.join()
            print(method, "exit code", child.exitcode)
    try:
        with multiprocessing.Manager() as manager:
            print("manager", manager.list([1]))
    except EOFError:  # its server process died: no address for its socket
        print("manager EOFError")
"""


def run(env):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TMP"))} | env
    done = subprocess.run([sys.executable, "tempdir_probe.py"], env=env, capture_output=True,
                          text=True, timeout=30, check=True)
    return done.stdout.splitlines()


if __name__ == "__main__":
    Path("tempdir_probe.py").write_text(SCRIPT, encoding="utf-8")
    Path("site").mkdir()
    Path("site", "sitecustomize.py").write_text(NO_TEMP, encoding="utf-8")
    new = sys.version_info >= (3, 14)  # 3.14.0-3.14.8 are not run here
    # No writable temporary directory at all, in every process.
    assert run({"PYTHONPATH": str(Path("site").resolve())}) == [
        "temp FileNotFoundError",
        "default " + ("spawn" if new else "fork"),  # 3.14.10, 3.15.2: gh-155717
        "None exit code 0",
        "forkserver FileNotFoundError",  # on every version
        "manager EOFError",
    ]
    # TMPDIR at a directory nobody can write to: tempfile falls back to /tmp.
    assert run({"TMPDIR": "/proc"}) == [
        "temp /tmp",
        "default " + ("forkserver" if new else "fork"),
        "None exit code 0",
        "forkserver exit code 0",
        "manager [1]",
    ]
