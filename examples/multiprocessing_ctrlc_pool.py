#!/usr/bin/env python3
"""Ctrl-C stops a pool cleanly: workers ignore SIGINT, the parent handles it."""

import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing import resource_tracker


def hold_sigint(hold):
    """Hold SIGINT back (True) or let it through (False). POSIX only."""
    if hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        if hold and sys.version_info < (3, 14):  # there, starting the resource tracker
            resource_tracker.ensure_running()  # lets SIGINT through: start it first
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def watch_parent(parent):  # a thread in each worker
    parent.join()  # returns once the parent has ended, however it ended
    os._exit(1)  # nobody is left to take this worker's results


def start_worker():  # each worker's initializer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    hold_sigint(False)
    threading.Thread(target=watch_parent, args=(multiprocessing.parent_process(),),
                     daemon=True).start()


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
    pool, results = None, []
    try:
        hold_sigint(True)  # workers are born with SIGINT held back
        pool = multiprocessing.Pool(2, initializer=start_worker)
        hold_sigint(False)  # a Ctrl-C pressed meanwhile is raised here
        for result in pool.imap(square, range(20)):
            results.append(result)
            if len(results) == 6:
                press_ctrl_c()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits
        if pool is not None:
            pool.terminate()
            pool.join()
        print(f"Interrupted: kept {len(results)} of 20 results: {results}")
        sys.exit(130)
    pool.close()
    pool.join()
    print(f"Done: {results}")
