#!/usr/bin/env python3
"""Counting a queue's items where Queue.qsize() is missing (macOS): a manager's queue."""

import multiprocessing


def produce(queue, n):
    for i in range(n):
        queue.put(i)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()  # a queue.Queue in the manager's process
        producers = [multiprocessing.Process(target=produce, args=(queue, n)) for n in (2, 3)]
        for p in producers:
            p.start()
        for p in producers:
            p.join()
        print("items waiting:", queue.qsize())
        print("first item:", queue.get(timeout=5), "- items waiting:", queue.qsize())
