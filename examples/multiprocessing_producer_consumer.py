#!/usr/bin/env python3
"""Consumers call task_done() for every job; the producer's join() waits for all."""

import multiprocessing


def consumer(tasks, results):
    while True:
        word = tasks.get()
        try:
            if word is None:  # the end marker
                return
            results.put((word, word.upper()))
        finally:
            tasks.task_done()  # one call per get(), end markers included


if __name__ == "__main__":
    tasks = multiprocessing.JoinableQueue()
    results = multiprocessing.Queue()
    consumers = [multiprocessing.Process(name=f"consumer-{i}", target=consumer,
                                         args=(tasks, results))
                 for i in range(2)]
    for c in consumers:
        c.start()

    words = ["apple", "banana", "cherry", "damson", "elder"]
    for word in words:
        tasks.put(word)
    tasks.join()  # returns once task_done() was called for every word
    print(f"all {len(words)} tasks done")

    for word, shout in sorted(results.get() for _ in words):
        print(f"{word} -> {shout}")

    for _ in consumers:
        tasks.put(None)
    tasks.join()
    for c in consumers:
        c.join()
    print("consumers stopped:", [c.exitcode for c in consumers])
