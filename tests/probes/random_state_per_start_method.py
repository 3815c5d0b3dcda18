#!/usr/bin/env python3
"""NumPy state made at import is shared by fork and 3.14.1+ fork-server children; random reseeds."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import random
import sys

import numpy as np

random.seed(42)  # undone in every forked child: random reseeds after a fork
RNG = np.random.default_rng()


def draw(results):
    results.put((np.random.random(), RNG.random(), random.random()))


if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    results = ctx.Queue()
    children = [ctx.Process(target=draw, args=(results,)) for _ in range(3)]
    for child in children:
        child.start()
    draws = [results.get(timeout=20) for _ in children]
    for child in children:
        child.join()
    print(*(len({d[i] for d in draws}) for i in range(3)))
"""


def distinct(*command):
    """How many different numbers 3 children drew: NumPy global, RNG, random."""
    done = subprocess.run([sys.executable, *command], capture_output=True, text=True,
                          timeout=30, check=True)
    return tuple(int(n) for n in done.stdout.split())


if __name__ == "__main__":
    Path("rng_probe.py").write_text(SCRIPT, encoding="utf-8")
    preloaded = sys.version_info >= (3, 14, 1)  # and 3.13.8+, not run here
    # fork copies NumPy's state; random reseeds in the child, seed(42) or not.
    assert distinct("rng_probe.py", "fork") == (1, 1, 3)
    # The fork server: the same copy, once it imports the script itself.
    assert distinct("rng_probe.py", "forkserver") == ((1, 1, 3) if preloaded else (3, 3, 1))
    # python -m is never preloaded: each child imports the script afresh.
    assert distinct("-m", "rng_probe", "forkserver") == (3, 3, 1)
    # spawn: each child imports the script afresh, and runs random.seed(42) again.
    assert distinct("rng_probe.py", "spawn") == (3, 3, 1)
