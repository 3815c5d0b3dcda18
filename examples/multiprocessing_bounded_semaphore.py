#!/usr/bin/env python3
"""A BoundedSemaphore refuses a release() that has no acquire() to match."""

import multiprocessing


def buggy_worker(slots):
    with slots:
        pass  # work in a slot
    slots.release()  # a bug: one release too many


def free_slots(sem):
    taken = 0
    while sem.acquire(block=False):
        taken += 1
    for _ in range(taken):
        sem.release()
    return taken


if __name__ == "__main__":
    for kind in (multiprocessing.Semaphore, multiprocessing.BoundedSemaphore):
        slots = kind(2)
        p = multiprocessing.Process(name=kind.__name__, target=buggy_worker,
                                    args=(slots,))
        p.start()
        p.join()
        print(f"{kind.__name__}(2): worker exit code {p.exitcode}, "
              f"free slots now {free_slots(slots)}")
