#!/usr/bin/env python3
"""No main guard (spawn), or a function from python -c (spawn, forkserver): BrokenProcessPool."""

import os
import subprocess
import sys

UNGUARDED = """\
import concurrent.futures
import multiprocessing


def square(x):
    return x * x


spawn = multiprocessing.get_context("spawn")
with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as ex:
    print(ex.submit(square, 3).result(timeout=30))
"""

PROMPT = """\
import concurrent.futures, multiprocessing, sys
def square(x):
    return x * x
ctx = multiprocessing.get_context(sys.argv[1])
with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as ex:
    print(ex.submit(square, 3).result(timeout=30))
"""


def run(*args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60,
                          env=env)
    assert done.returncode == 1, done
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("concurrent.futures.process.BrokenProcessPool: "), done.stderr
    return done.stderr


if __name__ == "__main__":
    with open("unguarded.py", "w", encoding="utf-8") as f:
        f.write(UNGUARDED)
    err = run("unguarded.py")
    assert "An attempt has been made to start a new process before" in err, err
    missing = ("has no attribute 'square'" if sys.version_info >= (3, 14)
               else "Can't get attribute 'square'")
    for method in ("spawn", "forkserver"):
        err = run("-c", PROMPT, method)
        assert missing in err, err
