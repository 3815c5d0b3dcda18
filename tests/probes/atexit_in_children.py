#!/usr/bin/env python3
"""From 3.13 fork and forkserver children run the atexit handlers they registered; spawn always."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import atexit, multiprocessing, os, sys

def goodbye(who):
    os.write(1, f"{who} {multiprocessing.current_process().name}\\n".encode())

def work():
    atexit.register(goodbye, "own")

if __name__ == "__main__":
    atexit.register(goodbye, "inherited")
    child = multiprocessing.get_context(sys.argv[1]).Process(target=work, name="child")
    child.start()
    child.join()
"""

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "job.py").write_text(SCRIPT)
        for method in ("fork", "spawn", "forkserver"):
            out = subprocess.run([sys.executable, "job.py", method], cwd=folder,
                                 capture_output=True, text=True, timeout=30)
            assert out.returncode == 0, out.stderr
            runs = method == "spawn" or sys.version_info >= (3, 13)
            # The parent's handler runs in the parent only, on every version.
            expected = ["own child"] * runs + ["inherited MainProcess"]
            assert out.stdout.splitlines() == expected, (method, out.stdout)
