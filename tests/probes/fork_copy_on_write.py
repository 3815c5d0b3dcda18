#!/usr/bin/env python3
"""A fork child that reads or collects copies its parent's objects; gc.freeze() spares a collect."""

import gc
import multiprocessing
import sys

OBJECTS = 300_000  # one-item lists: about 30 MB


def private_dirty_kb():
    """Memory this process has written since it was forked (Linux)."""
    with open("/proc/self/smaps_rollup") as f:
        return sum(int(line.split()[1]) for line in f
                   if line.startswith(("Private_Dirty:", "Private_Clean:")))


def child(action, results):
    before = private_dirty_kb()
    if action == "read":
        total = 0
        for item in data:  # each reference count goes up and down
            total += item[0]
    elif action == "collect":
        gc.collect()
    results.put(private_dirty_kb() - before)


def copied_mb(action, freeze):
    global data
    data = [[i] for i in range(OBJECTS)]
    if freeze:
        gc.freeze()
    ctx = multiprocessing.get_context("fork")
    results = ctx.SimpleQueue()
    worker = ctx.Process(target=child, args=(action, results))
    worker.start()
    copied = results.get() / 1024
    worker.join()
    if freeze:
        gc.unfreeze()
    del data
    gc.collect()
    return copied


if __name__ == "__main__":
    gc.disable()  # no collection in the parent between building and forking
    read = copied_mb("read", freeze=False)
    collect = copied_mb("collect", freeze=False)
    frozen_collect = copied_mb("collect", freeze=True)
    frozen_read = copied_mb("read", freeze=True)
    found = (sys.version_info[:2], read, collect, frozen_collect, frozen_read)
    assert read > 15 and frozen_read > 15, found  # reading copies, frozen or not
    assert collect > 10, found  # one collection copies the list objects too
    assert frozen_collect < 3, found  # unless they were frozen
