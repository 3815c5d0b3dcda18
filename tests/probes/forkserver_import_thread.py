#!/usr/bin/env python3
"""From 3.14.1 a thread started at import runs in the fork server only, and -X dev warns."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import multiprocessing, os, threading, time

def tick():
    while True:
        time.sleep(0.05)

threading.Thread(target=tick, daemon=True).start()

def work():
    os.write(1, f"threads {threading.active_count()}\\n".encode())

if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    children = [ctx.Process(target=work) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join()
"""

if __name__ == "__main__":
    preloads = sys.version_info >= (3, 14, 1) or (3, 13, 8) <= sys.version_info < (3, 14)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "job.py").write_text(SCRIPT)
        out = subprocess.run([sys.executable, "-X", "dev", "job.py"], cwd=folder,
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        counts = out.stdout.split()
        warned = "forkserver.py" in out.stderr and "is multi-threaded" in out.stderr
        if preloads:
            # The server ran the import and its thread; a fork copies only
            # the forking thread, so each child has one thread.
            assert counts == ["threads", "1"] * 2, out.stdout
            assert warned, out.stderr
        else:
            # Each child imported the script and started a thread of its own.
            assert counts == ["threads", "2"] * 2, out.stdout
            assert not warned, out.stderr
