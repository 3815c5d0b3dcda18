#!/usr/bin/env python3
"""Up to 3.13, a lock a forkserver child makes at import is reported leaked (spawn default)."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import multiprocessing

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # the default on macOS
LOCK = multiprocessing.Lock()

def work():
    pass

if __name__ == "__main__":
    for _ in range(2):
        child = multiprocessing.get_context("forkserver").Process(target=work)
        child.start()
        child.join()
"""

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "job.py").write_text(SCRIPT)
        out = subprocess.run([sys.executable, "job.py"], cwd=folder, capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        warned = "There appear to be 2 leaked semaphore objects" in out.stderr
        # 3.14.1 and later: the server makes the one lock, and nothing leaks.
        assert warned == (sys.version_info < (3, 14)), out.stderr
