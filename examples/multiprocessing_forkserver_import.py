#!/usr/bin/env python3
"""Show which process imports the main script when forkserver starts three children."""

import multiprocessing
import os

# The first process to run this line is the parent; every process started
# from it inherits the variable, so each can tell whether its parent is this one.
os.environ.setdefault("PARENT_PID", str(os.getpid()))

if __name__ != "__main__":
    forked_by_parent = os.getppid() == int(os.environ["PARENT_PID"])
    who = "the fork server" if forked_by_parent else "a child"
    print(f"script imported by {who}", flush=True)


def work(n):
    print(f"child {n} runs", flush=True)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")  # POSIX only: not on Windows
    children = [ctx.Process(target=work, args=(n,)) for n in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join()
