#!/usr/bin/env python3
"""A function of a __main__ without a file reaches fork children only; a spawn Pool then hangs."""

import subprocess
import sys

CODE = """\
import multiprocessing
import sys


def work(x=None):
    return x


if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1])
    child = ctx.Process(target=work)
    child.start()
    child.join()
    print("exit code", child.exitcode, flush=True)
    with ctx.Pool(1) as pool:
        result = pool.map_async(work, [1, 2])
        result.wait(1.5)
        print("pool done", result.ready(), flush=True)
"""

if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        # python -c: __main__ has no file, as at the >>> prompt or in a notebook.
        done = subprocess.run([sys.executable, "-c", CODE, method], capture_output=True,
                              text=True, timeout=30)
        if method == "fork":
            assert done.stdout == "exit code 0\npool done True\n", done
            continue
        # The child cannot find work(); a Pool's workers die and are replaced.
        assert done.stdout == "exit code 1\npool done False\n", done
        if sys.version_info >= (3, 14):
            assert "AttributeError: module '__main__' has no attribute 'work'" in done.stderr
        else:
            assert "AttributeError: Can't get attribute 'work' on <module '__main__'" in done.stderr
