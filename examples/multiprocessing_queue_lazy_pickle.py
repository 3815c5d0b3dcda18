#!/usr/bin/env python3
"""A queue pickles an item after put() has returned, in its feeder thread."""

import multiprocessing
import queue
import threading

if __name__ == "__main__":
    q = multiprocessing.Queue()
    q.put(bytes(1_000_000))  # more than the pipe holds: the feeder waits
    order = {"item": "tea", "status": "new"}
    q.put(order)
    order["status"] = "changed after put()"
    q.get()  # the pipe has room again: the feeder pickles the order now
    print("got", q.get())

    q.put(bytes(1_000_000))
    q.put(threading.Lock())  # a lock cannot be pickled
    print("put() returned without an error")
    q.get()
    try:
        q.get(timeout=1)
    except queue.Empty:
        print("the lock never arrived")
