#!/usr/bin/env python3
"""Stop at the first failure: wait(FIRST_EXCEPTION), result(timeout=...), cancel()."""

import concurrent.futures
import time


def work(n):
    if n == 0:
        time.sleep(0.3)
        raise ValueError(f"bad input {n}")
    time.sleep(1.0 if n == 1 else 0.2)
    return n


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(work, n) for n in range(10)]
        done, not_done = concurrent.futures.wait(
            futures, return_when=concurrent.futures.FIRST_EXCEPTION)
        for future in done:  # tasks that ended well may be among them
            if future.exception():
                print("first failure:", repr(future.exception()))
        try:
            futures[1].result(timeout=0.1)
        except TimeoutError:
            print("task 1: no result within 0.1 s")
        print("cancel() the running task 1:", futures[1].cancel())
        print("cancel() the waiting task 9:", futures[9].cancel())
        for future in not_done:
            future.cancel()  # those already running finish anyway
    print("task 1 finished anyway:", futures[1].result())
