#!/usr/bin/env python3
"""A callback that raises kills the Pool's result thread: no later result arrives."""

import multiprocessing
import threading

died = threading.Event()


def square(x):
    return x * x


def record(result):  # the callback, run by the pool's result thread
    if result == 9:
        raise ValueError(f"cannot record {result}")
    print(f"recorded {result}")


def report(args):  # one line for an exception that ends a thread
    print(f"{args.thread.name} died: {args.exc_type.__name__}: {args.exc_value}")
    died.set()


if __name__ == "__main__":
    threading.excepthook = report
    pool = multiprocessing.Pool(2)
    pool.apply_async(square, (2,), callback=record).wait()
    pool.apply_async(square, (3,), callback=record)
    died.wait(timeout=60)
    later = pool.apply_async(square, (4,))
    try:
        print(later.get(timeout=1))
    except multiprocessing.TimeoutError:
        print("square(4): no result after 1 s; get() would wait forever")
    try:
        pool.terminate()
    except AssertionError:
        print("terminate() raised AssertionError: the pool cannot stop itself")
    for worker in multiprocessing.active_children():  # so stop its workers here
        worker.terminate()
        worker.join()
