#!/usr/bin/env python3
"""Whoever imports the main script under forkserver sees the parent's sys.argv, even a long one."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import os
import sys

os.write(1, f"{os.getpid()} {len(sys.argv)} {sys.argv[-1]}\\n".encode())


def work():
    pass


if __name__ == "__main__":
    child = multiprocessing.get_context("forkserver").Process(target=work)
    child.start()
    child.join()
    print("exit code", child.exitcode, flush=True)
"""

if __name__ == "__main__":
    Path("argv_probe.py").write_text(SCRIPT, encoding="utf-8")
    # 200 KB of arguments: more than Linux allows in one argument (128 KiB).
    args = ["x" * 2000] * 100 + ["last"]
    done = subprocess.run([sys.executable, "argv_probe.py", *args], capture_output=True,
                          text=True, timeout=30, check=True)
    *imports, result = done.stdout.splitlines()
    assert result == "exit code 0", done
    # The parent's import, then the server's (3.14.1+) or the child's (before).
    assert len(imports) == 2, imports
    for line in imports:
        _, argc, last = line.split()
        assert (int(argc), last) == (len(args) + 1, "last"), line
