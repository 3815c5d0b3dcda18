#!/usr/bin/env python3
"""put() and get() with a timeout raise queue.Full and queue.Empty."""

import multiprocessing
import queue


def consumer(q, go):
    go.wait()  # let the parent fill the queue first
    while True:
        try:
            item = q.get(timeout=0.5)
        except queue.Empty:
            print("consumer: nothing for 0.5 s, stopping")
            break
        print(f"consumer: got {item}")


if __name__ == "__main__":
    q = multiprocessing.Queue(maxsize=2)
    go = multiprocessing.Event()
    p = multiprocessing.Process(name="consumer", target=consumer, args=(q, go))
    p.start()
    q.put(1)
    q.put(2)
    try:
        q.put(3, timeout=0.1)
    except queue.Full:
        print("main: queue.Full, both slots are taken and nobody reads yet")
    go.set()
    q.put(3)  # waits, without a timeout, until the consumer makes room
    p.join()
