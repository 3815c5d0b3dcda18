#!/usr/bin/env python3
"""maxtasksperchild replaces each worker with a fresh process after N tasks."""

import collections
import multiprocessing
import os


def task(n):
    return os.getpid()  # only counted, never printed


def tasks_per_worker(context, **pool_options):
    with context.Pool(processes=2, **pool_options) as pool:
        pids = pool.map(task, range(10), chunksize=1)
    return collections.Counter(pids)


if __name__ == "__main__":
    # The pool starts replacement workers from one of its threads, and
    # forking a process that runs threads is unsafe: use spawn.
    spawn = multiprocessing.get_context("spawn")
    plain = tasks_per_worker(spawn)
    print("default pool: at most 2 workers ran the 10 tasks:", len(plain) <= 2)

    renewed = tasks_per_worker(spawn, maxtasksperchild=2)
    print("maxtasksperchild=2: no worker ran more than 2 tasks:",
          max(renewed.values()) <= 2)
    print("so at least 5 different workers ran them:", len(renewed) >= 5)
