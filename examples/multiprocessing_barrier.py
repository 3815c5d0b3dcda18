#!/usr/bin/env python3
"""A Barrier holds every worker until all of them have arrived."""

import multiprocessing
import time


def announce():
    print("barrier: all 3 workers arrived, releasing them")


def worker(barrier, arrived, seen, i):
    time.sleep(0.1 * i)  # the workers arrive one after another
    with arrived.get_lock():
        arrived.value += 1
    barrier.wait()
    seen[i] = arrived.value  # how many had arrived when this one went on


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(3, action=announce)
    arrived = multiprocessing.Value("i", 0)
    seen = multiprocessing.Array("i", 3)
    workers = [multiprocessing.Process(name=f"worker-{i}", target=worker,
                                       args=(barrier, arrived, seen, i))
               for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for w, count in zip(workers, seen, strict=True):
        print(f"{w.name} went on after {count} of 3 had arrived")
