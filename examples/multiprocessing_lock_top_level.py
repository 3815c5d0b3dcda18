#!/usr/bin/env python3
"""A lock made at the top level of the script: which processes does it keep out?"""

import multiprocessing

LOCK = multiprocessing.Lock()  # wrong on purpose: pass the lock as an argument


def hold(taken, release):
    with LOCK:
        taken.set()
        release.wait()


def try_lock(results):
    results.put(LOCK.acquire(timeout=0.1))


if __name__ == "__main__":  # POSIX only: Windows has no fork or forkserver
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        taken, release, results = ctx.Event(), ctx.Event(), ctx.SimpleQueue()
        holder = ctx.Process(target=hold, args=(taken, release))
        holder.start()
        taken.wait()  # a child holds its LOCK now
        other = ctx.Process(target=try_lock, args=(results,))
        other.start()
        child_got_it = results.get()
        other.join()
        parent_got_it = LOCK.acquire(timeout=0.1)
        if parent_got_it:
            LOCK.release()
        release.set()
        holder.join()
        print(f"{method:<10}: another child kept out: {not child_got_it}, "
              f"the parent kept out: {not parent_got_it}")
