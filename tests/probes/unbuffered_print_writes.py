#!/usr/bin/env python3
"""PYTHONUNBUFFERED=1: print() writes a line in two calls; write(), logging, line buffering: one."""

import os
import pty
import subprocess
import sys

CHILD = """\
import logging, sys

def writes():
    with open("/proc/self/io") as io:
        return int(dict(line.split(": ") for line in io.read().splitlines())["syscw"])

counts = []
for write in (lambda: print("a line"),
              lambda: sys.stdout.write("a line\\n"),
              lambda: logging.getLogger("probe").warning("a line")):
    before = writes()
    write()
    counts.append(writes() - before)
sys.stdout.reconfigure(line_buffering=True, write_through=False)
before = writes()
print("a line")
counts.append(writes() - before)
sys.stderr.write(" ".join(map(str, counts)))
"""

if __name__ == "__main__":
    if sys.platform == "linux" and os.path.exists("/proc/self/io"):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                              text=True, timeout=30, check=True)
        # print(), write() of the whole line, a logging record (to stderr), print() line-buffered
        assert done.stderr.endswith("2 1 1 1"), done.stderr
        # Without the variable, on a terminal (line-buffered): one write for print() too.
        env.pop("PYTHONUNBUFFERED")
        leader, terminal = pty.openpty()
        with subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=terminal,
                              stderr=subprocess.PIPE, text=True) as child:
            os.close(terminal)
            _, counts = child.communicate(timeout=30)
        os.close(leader)
        assert counts.endswith("1 1 1 1"), counts
