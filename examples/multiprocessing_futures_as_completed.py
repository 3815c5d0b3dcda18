#!/usr/bin/env python3
"""as_completed yields futures as they finish, whatever order they were submitted in."""

import concurrent.futures
import time


def nap(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=3) as executor:
        futures = {executor.submit(nap, s): name
                   for name, s in [("slow", 0.3), ("quick", 0.0), ("medium", 0.1)]}
        for future in concurrent.futures.as_completed(futures):
            print(f"{futures[future]} finished after {future.result()} s")
