#!/usr/bin/env python3
"""A semaphore keeps a Pool from reading its input far ahead of the results."""

import multiprocessing
import threading
import time

WINDOW = 4  # tasks in flight, at most
read = 0


def lines():  # stands for a huge file; counts how far it has been read
    global read
    for n in range(100):
        read += 1
        yield n


def work(n):
    time.sleep(0.01)
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        squares = pool.imap(work, lines())
        next(squares)  # wait for the first result only
        print(f"imap(): more than {WINDOW} lines read by then: {read > WINDOW}")
        sum(squares)

        read, results, ahead = 0, [], []
        slots = threading.BoundedSemaphore(WINDOW)

        def finished(result):  # a result or an error; in the pool's result thread
            results.append(result)
            slots.release()

        for n in lines():
            slots.acquire()  # waits while WINDOW tasks are in flight
            ahead.append(read - len(results))
            pool.apply_async(work, (n,), callback=finished, error_callback=finished)
        pool.close()
        pool.join()
    print(f"window: never more than {WINDOW} lines ahead: {max(ahead) <= WINDOW}")
    print(f"window: {len(results)} results, sum {sum(results)}")
