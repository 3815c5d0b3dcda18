#!/usr/bin/env python3
"""Under -X dev, 3.15 warns "Module globals is missing a __spec__.loader" in a child's traceback."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import sys


def fail():
    raise ValueError("planned")


if __name__ == "__main__":
    child = multiprocessing.get_context(sys.argv[1]).Process(target=fail)
    child.start()
    child.join()
"""

WARNING = "DeprecationWarning: Module globals is missing a __spec__.loader"

if __name__ == "__main__":
    Path("dev_probe.py").write_text(SCRIPT, encoding="utf-8")
    for method in ("spawn", "forkserver", "fork"):
        done = subprocess.run([sys.executable, "-X", "dev", "dev_probe.py", method],
                              capture_output=True, text=True, timeout=30, check=True)
        assert "ValueError: planned" in done.stderr, done.stderr
        # A child that imported the main script as __mp_main__ (not fork's).
        warned = sys.version_info >= (3, 15) and method != "fork"
        assert (WARNING in done.stderr) is warned, (method, done.stderr)
        if warned:
            # From linecache, before the traceback.
            assert done.stderr.index("<frozen linecache>") < done.stderr.index("Traceback")
