#!/usr/bin/env python3
"""From 3.13 a child logs "process exiting" before "process shutting down"; 3.11 and 3.12 after."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import logging, multiprocessing, sys

def work():
    pass

if __name__ == "__main__":
    multiprocessing.log_to_stderr(logging.INFO)
    child = multiprocessing.get_context(sys.argv[1]).Process(target=work, name="child")
    child.start()
    child.join()
"""

if __name__ == "__main__":
    folder = tempfile.TemporaryDirectory()
    Path(folder.name, "job.py").write_text(SCRIPT)
    for method in ("fork", "spawn", "forkserver"):
        out = subprocess.run([sys.executable, "job.py", method], cwd=folder.name,
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        last_two = [line.removeprefix("[INFO/child] ")
                    for line in out.stderr.splitlines() if line.startswith("[INFO/child]")][-2:]
        expected = ["process shutting down", "process exiting with exitcode 0"]
        if sys.version_info >= (3, 13):
            expected.reverse()
        assert last_two == expected, (method, out.stderr)
    folder.cleanup()
