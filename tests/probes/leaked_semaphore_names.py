#!/usr/bin/env python3
"""From 3.13 the resource tracker's leaked-semaphore warning ends with the leaked names."""

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import sys
import time


def owner(ready):
    lock = multiprocessing.Lock()
    with lock:
        ready.set()
        time.sleep(10)


if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    ready = ctx.Event()
    child = ctx.Process(target=owner, args=(ready,))
    child.start()
    ready.wait()
    child.kill()
    child.join()
"""

if __name__ == "__main__":
    Path("leak_probe.py").write_text(SCRIPT, encoding="utf-8")
    for method in ("spawn", "forkserver"):
        done = subprocess.run([sys.executable, "leak_probe.py", method], capture_output=True,
                              text=True, timeout=30, check=True)
        found = re.search(r"There appear to be 1 leaked semaphore objects to clean up at "
                          r"shutdown(: \{'/mp-\w+'\})?\n", done.stderr)
        assert found, done.stderr
        assert bool(found[1]) is (sys.version_info >= (3, 13)), done.stderr
