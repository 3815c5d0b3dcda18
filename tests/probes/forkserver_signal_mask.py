#!/usr/bin/env python3
"""A fork-server child gets the server's signal mask and environment, as they were at its start."""

import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
import sys


def report(results):
    held = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    results.put((os.environ["STAGE"], held))


def child_sees(method):
    ctx = multiprocessing.get_context(method)
    results = ctx.SimpleQueue()
    child = ctx.Process(target=report, args=(results,))
    child.start()
    seen = results.get()
    child.join()
    return seen


if __name__ == "__main__":
    # On 3.11-3.13 starting the resource tracker unblocks SIGINT, so it
    # starts first; from 3.14 it restores the mask it found.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    multiprocessing.resource_tracker.ensure_running()
    held = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert held == (sys.version_info >= (3, 14)), held
    # The server starts with SIGINT held back and STAGE "start".
    os.environ["STAGE"] = "start"
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    multiprocessing.forkserver.ensure_running()
    held = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert held
    # Later changes in the parent reach fork and spawn children only.
    os.environ["STAGE"] = "later"
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    assert child_sees("fork") == ("later", False)
    assert child_sees("spawn") == ("later", False)
    assert child_sees("forkserver") == ("start", True)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    assert child_sees("fork") == ("later", True)
    assert child_sees("spawn") == ("later", True)
    assert child_sees("forkserver") == ("start", True)
