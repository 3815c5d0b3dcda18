#!/usr/bin/env python3
"""Ctrl-C reaches every process of the program, not only the parent."""

import multiprocessing
import os
import signal
import sys
import time


def work(ready):
    try:
        ready.set()
        time.sleep(5)
    except KeyboardInterrupt:
        print(f"{multiprocessing.current_process().name} got KeyboardInterrupt", flush=True)


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
    ready = [multiprocessing.Event() for _ in range(2)]
    workers = [multiprocessing.Process(target=work, args=(r,)) for r in ready]
    for w in workers:
        w.start()
    try:
        for r in ready:
            r.wait()
        press_ctrl_c()
    except KeyboardInterrupt:
        print("MainProcess got KeyboardInterrupt", flush=True)
    for w in workers:
        w.join()
    sys.exit(130)
