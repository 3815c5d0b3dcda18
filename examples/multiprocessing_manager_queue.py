#!/usr/bin/env python3
"""A manager's queue keeps the items in the manager: the producer can exit."""

import multiprocessing


def producer(q):
    q.put(b"x" * 1_000_000)  # travels to the manager process at once
    print("producer: put() has returned, the function ends here")


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        p = multiprocessing.Process(name="producer", target=producer, args=(q,))
        p.start()
        p.join()  # returns although nothing has been read yet
        print(f"main: the producer has exited with code {p.exitcode}")
        data = q.get()
        print(f"main: then got {len(data):,} bytes from the manager")
