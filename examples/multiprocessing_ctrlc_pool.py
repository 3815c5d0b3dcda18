#!/usr/bin/env python3
"""Ctrl-C stops a pool cleanly: workers ignore SIGINT, the parent handles it."""

import multiprocessing
import os
import signal
import sys
import time


def ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def square(n):
    time.sleep(0.2)
    return n * n


def press_ctrl_c():
    """Send SIGINT to this script's whole process group, as Ctrl-C does."""
    # Run the script from a shell: started by make, a test runner or an IDE,
    # it shares their process group, and this interrupts them too.
    if hasattr(os, "killpg"):
        os.killpg(os.getpgrp(), signal.SIGINT)
    else:  # Windows has no os.killpg(): interrupt this process only
        signal.raise_signal(signal.SIGINT)
    time.sleep(1)  # KeyboardInterrupt is raised here at the latest


if __name__ == "__main__":
    # Workers start ignoring SIGINT: they inherit SIG_IGN from the parent
    # on POSIX, and the initializer sets it again (for Windows).
    default = signal.signal(signal.SIGINT, signal.SIG_IGN)
    pool = multiprocessing.Pool(2, initializer=ignore_sigint)
    signal.signal(signal.SIGINT, default)
    results = []
    try:
        for result in pool.imap(square, range(20)):
            results.append(result)
            if len(results) == 6:
                press_ctrl_c()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits
        pool.terminate()
        pool.join()
        print(f"Interrupted: kept {len(results)} of 20 results: {results}")
        sys.exit(130)
    pool.close()
    pool.join()
    print(f"Done: {results}")
