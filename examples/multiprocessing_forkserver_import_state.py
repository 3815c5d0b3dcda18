#!/usr/bin/env python3
"""Under the fork server, what the script makes at import can be made once for all children."""

import multiprocessing
import os

IMPORTED_IN = os.getpid()  # the process that runs this import
SCRATCH = f"scratch-{os.getpid()}.tmp"  # meant to be one file per process


def work(results):
    who = "the fork server" if IMPORTED_IN == os.getppid() else "each child"
    own = f"scratch-{os.getpid()}.tmp"  # named in the process that uses it
    results.put((who, SCRATCH, own))


if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")  # POSIX only: not on Windows
    results = ctx.Queue()
    children = [ctx.Process(target=work, args=(results,)) for _ in range(3)]
    for child in children:
        child.start()
    reports = [results.get() for _ in children]
    for child in children:
        child.join()
    whos, at_import, in_task = zip(*reports, strict=True)
    print("the script was imported by:", " and ".join(sorted(set(whos))))
    print("3 children, scratch files named at import:", len(set(at_import)))
    print("3 children, scratch files named in the task:", len(set(in_task)))
