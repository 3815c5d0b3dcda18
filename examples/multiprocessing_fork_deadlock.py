#!/usr/bin/env python3
"""A lock another thread holds at fork() stays locked in the child for good."""

import multiprocessing
import threading
import warnings

lock = threading.Lock()
held, release = threading.Event(), threading.Event()


def hold_the_lock():  # another thread of the parent, busy with the lock
    with lock:
        held.set()
        release.wait(timeout=30)


def child():
    with lock:
        print("child: got the lock", flush=True)


if __name__ == "__main__":
    # Python 3.12+ warns about fork with threads; the section before this one shows it.
    warnings.filterwarnings("ignore", "This process", DeprecationWarning)
    threading.Thread(target=hold_the_lock).start()
    held.wait(timeout=30)
    for method in ("fork", "forkserver"):
        p = multiprocessing.get_context(method).Process(target=child)
        p.start()
        p.join(timeout=2)
        if p.is_alive():
            print(f"{method}: the child still waits for the lock after 2 s")
            p.terminate()
            p.join()
        else:
            print(f"{method}: the child's exit code is {p.exitcode}")
    release.set()
