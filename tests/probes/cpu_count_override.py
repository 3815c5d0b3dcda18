#!/usr/bin/env python3
"""From 3.13, PYTHON_CPU_COUNT and -X cpu_count set os.cpu_count() and a default pool's size."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """\
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def count(_=None):
    return os.cpu_count()


if __name__ == "__main__":
    cpus = [os.cpu_count(), getattr(os, "process_cpu_count", os.cpu_count)()]
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        with ctx.Pool() as pool:
            cpus += [pool._processes, pool.apply(count)]
        with ProcessPoolExecutor(mp_context=ctx) as executor:
            cpus += [executor._max_workers, executor.submit(count).result()]
    print(*cpus)
"""


def counts(*options, env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")} | (env or {})
    done = subprocess.run([sys.executable, *options, "cpu_probe.py"], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return [int(n) for n in done.stdout.split()]


if __name__ == "__main__":
    Path("cpu_probe.py").write_text(SCRIPT, encoding="utf-8")
    real = os.cpu_count()
    wanted = real + 1  # a count this machine does not have
    assert counts() == [real] * 14
    honoured = wanted if sys.version_info >= (3, 13) else real
    # The environment variable reaches every child, under every method.
    assert counts(env={"PYTHON_CPU_COUNT": str(wanted)}) == [honoured] * 14
    # The -X option sets the parent's count and the pool sizes...
    got = counts("-X", f"cpu_count={wanted}")
    assert got[:2] == [honoured] * 2 and got[2::2] == [honoured] * 6, got
    # ...but reached spawn and forkserver children only from 3.14.4
    # (3.13.0 here); a forked child has the parent's settings anyway.
    child = wanted if sys.version_info >= (3, 14) else real
    assert got[3::2] == [honoured, honoured, child, child, child, child], got
