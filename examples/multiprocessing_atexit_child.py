#!/usr/bin/env python3
"""An atexit handler that a child registers: does it run when the child ends?"""

import atexit
import multiprocessing


def goodbye(who):
    print(f"  atexit handler of {who} ran", flush=True)


def work(method):
    atexit.register(goodbye, f"the {method} child")
    print(f"{method} child: working", flush=True)


if __name__ == "__main__":  # POSIX only: Windows has no fork or forkserver
    atexit.register(goodbye, "the parent")
    for method in ("fork", "spawn", "forkserver"):
        child = multiprocessing.get_context(method).Process(target=work, args=(method,))
        child.start()
        child.join()
