#!/usr/bin/env python3
"""From 3.12 a fork in a process with threads warns; 3.15 raises it from start() as an error."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import os
import threading


def work():
    os.write(1, b"the child ran\\n")


if __name__ == "__main__":
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    child = multiprocessing.get_context("fork").Process(target=work)
    try:
        child.start()
    except DeprecationWarning:
        print("start() raised, pid", child.pid, flush=True)
    else:
        child.join()
        print("start() returned, exit code", child.exitcode, flush=True)
    stop.set()
    thread.join()
"""


def run(warnings):
    done = subprocess.run([sys.executable, "-W", warnings, "threads_probe.py"],
                          capture_output=True, text=True, timeout=30, check=True)
    return done.stdout, done.stderr


if __name__ == "__main__":
    Path("threads_probe.py").write_text(SCRIPT, encoding="utf-8")
    out, err = run("always::DeprecationWarning")
    assert out == "the child ran\nstart() returned, exit code 0\n", out
    warns = sys.version_info >= (3, 12)
    assert ("DeprecationWarning: This process" in err) is warns, err
    assert ("is multi-threaded, use of fork() may lead to deadlocks" in err) is warns, err
    # Turned into an error: 3.15 raises it from start(), after the fork,
    # so the child runs while the Process object has no pid.
    out, err = run("error::DeprecationWarning")
    if sys.version_info >= (3, 15):
        assert sorted(out.splitlines()) == ["start() raised, pid None", "the child ran"], out
    else:
        assert out == "the child ran\nstart() returned, exit code 0\n", out
