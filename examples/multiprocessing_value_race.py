#!/usr/bin/env python3
"""+= on a shared Value is a read then a write: without the lock, updates get lost."""

import multiprocessing

WORKERS, ROUNDS = 4, 20_000


def add_unlocked(counter):
    for _ in range(ROUNDS):
        counter.value += 1  # read, add, write: another process may write between


def add_locked(counter):
    for _ in range(ROUNDS):
        with counter.get_lock():
            counter.value += 1


def run(target):
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(name=f"adder-{i}", target=target,
                                       args=(counter,))
               for i in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value


if __name__ == "__main__":
    expected = WORKERS * ROUNDS
    print(f"expected total:   {expected}")
    print(f"with the lock:    {run(add_locked)}")
    total = run(add_unlocked)
    print(f"without the lock: {total}, so {expected - total} updates were lost")
