#!/usr/bin/env python3
"""A worker that dies breaks its ProcessPoolExecutor: BrokenProcessPool."""

import concurrent.futures
import os
import signal
import traceback


def work(n):
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return n


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as executor:
        futures = [executor.submit(work, n) for n in range(5)]
        for n, future in enumerate(futures):
            try:
                print(f"task {n}: {future.result()}")
            except Exception as exc:
                print(f"task {n}:", *traceback.format_exception_only(exc), sep=" ", end="")
        try:
            executor.submit(work, 5)
        except Exception as exc:
            print("submit():", *traceback.format_exception_only(exc), sep=" ", end="")
