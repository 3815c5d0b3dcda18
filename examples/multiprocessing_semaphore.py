#!/usr/bin/env python3
"""A Semaphore lets at most two workers into a section at the same time."""

import multiprocessing
import time

SLOTS = 2


def worker(slots, active, peak, all_in):
    with slots:
        with active.get_lock():
            active.value += 1
            peak.value = max(peak.value, active.value)
            if active.value == SLOTS:
                all_in.set()
        all_in.wait()  # the first ones wait until every slot is taken
        time.sleep(0.05)  # the work
        with active.get_lock():
            active.value -= 1


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(SLOTS)
    active = multiprocessing.Value("i", 0)
    peak = multiprocessing.Value("i", 0)
    all_in = multiprocessing.Event()
    workers = [multiprocessing.Process(name=f"worker-{i}", target=worker,
                                       args=(slots, active, peak, all_in))
               for i in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"{len(workers)} workers, {SLOTS} slots: at most {peak.value} ran at once")
