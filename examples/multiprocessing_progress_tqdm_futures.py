#!/usr/bin/env python3
"""A tqdm progress bar over as_completed() of an executor's futures."""

import concurrent.futures
import time

from tqdm import tqdm


def work(n):
    time.sleep(0.01)
    return n * n


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(work, n) for n in range(40)]  # workers start here
        done = concurrent.futures.as_completed(futures)
        total = sum(f.result() for f in tqdm(done, total=len(futures), desc="squares", ncols=70))
    print(f"sum of squares: {total}")
