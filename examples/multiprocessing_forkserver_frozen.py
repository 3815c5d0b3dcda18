#!/usr/bin/env python3
"""A fork server's children get the environment and signal mask it started with."""

import multiprocessing
import multiprocessing.forkserver
import os
import signal


def report(method):
    held = signal.SIGUSR1 in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    print(f"{method:<10}: STAGE={os.environ['STAGE']!r}, SIGUSR1 held back: {held}")


if __name__ == "__main__":  # POSIX only: no signal masks on Windows
    os.environ["STAGE"] = "early"
    multiprocessing.forkserver.ensure_running()  # the fork server starts now
    os.environ["STAGE"] = "late"
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
    for method in ("fork", "spawn", "forkserver"):
        child = multiprocessing.get_context(method).Process(target=report, args=(method,))
        child.start()
        child.join()
