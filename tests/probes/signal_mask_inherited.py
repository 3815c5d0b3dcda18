#!/usr/bin/env python3
"""A child gets its parent's signal mask under fork and spawn, the fork server's in forkserver."""

import multiprocessing
import signal
import subprocess
import sys
from multiprocessing import resource_tracker


def report(conn):
    conn.send(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))


def born_held(ctx):
    """Whether a child started now is born with SIGINT held back."""
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=report, args=(writer,))
    child.start()
    held = reader.recv()
    child.join()
    return held


def hold(held):
    signal.pthread_sigmask(signal.SIG_BLOCK if held else signal.SIG_UNBLOCK, {signal.SIGINT})


def scenario(method, first):
    """Start a child with SIGINT held (or not), then one with the other mask."""
    ctx = multiprocessing.get_context(method)
    resource_tracker.ensure_running()  # on 3.11-3.13 its start would unblock SIGINT
    hold(first)
    a = born_held(ctx)
    hold(not first)
    b = born_held(ctx)
    print(a, b)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        scenario(sys.argv[1], sys.argv[2] == "held")
        sys.exit()
    for method in ("fork", "spawn", "forkserver"):
        for first in ("held", "free"):
            # A fresh program each time: one fork server per program.
            out = subprocess.run([sys.executable, __file__, method, first], capture_output=True,
                                 text=True, timeout=30)
            assert out.returncode == 0, out.stderr
            a, b = (word == "True" for word in out.stdout.split())
            assert a == (first == "held"), (method, first, out.stdout)
            if method == "forkserver":
                # The second child is born with the server's mask, the first child's.
                assert b == a, (method, first, out.stdout)
            else:
                assert b == (not a), (method, first, out.stdout)
