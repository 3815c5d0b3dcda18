#!/usr/bin/env python3
"""An RLock can be taken again by the process that already holds it."""

import multiprocessing


def take_twice(lock):
    with lock:
        # Code that already holds the lock calls code that takes it again.
        again = lock.acquire(timeout=0.2)  # a Lock would wait here forever
        if again:
            lock.release()
        return again


def worker(lock, rlock):
    print(f"Lock:  taken again by its holder? {take_twice(lock)}")
    print(f"RLock: taken again by its holder? {take_twice(rlock)}")


if __name__ == "__main__":
    lock, rlock = multiprocessing.Lock(), multiprocessing.RLock()
    p = multiprocessing.Process(name="worker", target=worker, args=(lock, rlock))
    p.start()
    p.join()
