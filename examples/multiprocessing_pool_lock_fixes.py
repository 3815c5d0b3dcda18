#!/usr/bin/env python3
"""Two ways to give pool tasks a lock: the initializer, or a manager's proxy."""

import multiprocessing

total = None  # set in each worker by setup()


def setup(shared_total):
    global total
    total = shared_total  # inherited once per worker, through initargs


def add(n):
    with total.get_lock():
        total.value += n


def add_managed(n, managed_total, lock):  # proxies pickle like any argument
    with lock:
        managed_total.value += n


if __name__ == "__main__":
    shared = multiprocessing.Value("i", 0)
    with multiprocessing.Pool(2, initializer=setup, initargs=(shared,)) as pool:
        pool.map(add, range(100))
    print("Value through initargs:", shared.value)

    with multiprocessing.Manager() as manager:
        managed, lock = manager.Value("i", 0), manager.Lock()
        with multiprocessing.Pool(2) as pool:
            pool.starmap(add_managed, [(n, managed, lock) for n in range(100)])
        print("Value from a manager, as an argument:", managed.value)
