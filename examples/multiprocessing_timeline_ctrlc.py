#!/usr/bin/env python3
"""A Ctrl-C pressed while the workers start waits until they are up; it presses one itself."""

import json
import multiprocessing
import os
import signal
import sys
import time
from multiprocessing import resource_tracker


def hold_sigint(hold):
    """Hold SIGINT back (True) or let it through (False). POSIX only."""
    if hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        if hold:  # on 3.11-3.13, starting the resource tracker lets SIGINT through
            resource_tracker.ensure_running()
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def start_worker(up):  # each worker's initializer
    began = time.monotonic_ns()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    hold_sigint(False)
    time.sleep(0.25)  # connecting to a database, say
    up.put((os.getpid(), began, time.monotonic_ns()))


def press_ctrl_c():
    """Send SIGINT to this script's whole process group, as Ctrl-C does."""
    # Run the script from a shell: started by make, a test runner or an IDE,
    # it shares their process group, and this interrupts them too.
    if hasattr(os, "killpg"):
        os.killpg(os.getpgrp(), signal.SIGINT)
    else:  # Windows has no os.killpg(): interrupt this process only
        signal.raise_signal(signal.SIGINT)


if __name__ == "__main__":
    t0, pool, ready, bars, marks = time.monotonic_ns(), None, 0, [], []
    try:
        hold_sigint(True)  # workers are born with SIGINT held back
        held = time.monotonic_ns() - t0
        up = multiprocessing.SimpleQueue()
        pool = multiprocessing.Pool(2, initializer=start_worker, initargs=(up,))
        press_ctrl_c()  # as if you pressed it now, while the workers start
        marks.append(["parent", "Ctrl-C", time.monotonic_ns() - t0])
        for _ in range(2):  # wait until both workers are up
            pid, began, done = up.get()
            ready += 1
            bars += [[pid, "starting", held, began - t0, "wait"],
                     [pid, "initializer", began - t0, done - t0]]
        bars.append(["parent", "SIGINT held back", held, time.monotonic_ns() - t0, "wait"])
        hold_sigint(False)  # the Ctrl-C is raised here
        time.sleep(1)  # at the latest
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits
        marks.append(["parent", "KeyboardInterrupt", time.monotonic_ns() - t0])
        if pool is not None:
            pool.terminate()
            pool.join()
        print(f"Interrupted once {ready} workers were up; the pool is stopped")
        if os.environ.get("TIMELINE") and ready == 2:  # python3 timeline.py draws it
            with open(os.environ["TIMELINE"], "w") as f:
                json.dump({"title": "Ctrl-C while a pool's workers start", "panels": [
                    {"bars": bars, "marks": marks, "end": time.monotonic_ns() - t0}],
                    "legend": {"mark": "a moment in the parent"}}, f)
        sys.exit(130)
