#!/usr/bin/env python3
"""A tqdm progress bar over imap_unordered() and over as_completed()."""

import concurrent.futures
import multiprocessing
import time

from tqdm import tqdm


def work(n):
    time.sleep(0.01)
    return n * n


if __name__ == "__main__":
    items = range(40)
    with multiprocessing.Pool(2) as pool:
        results = pool.imap_unordered(work, items, chunksize=4)
        total = sum(tqdm(results, total=len(items), desc="Pool", ncols=70))
    print(f"Pool: sum of squares {total}")

    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        futures = [executor.submit(work, n) for n in items]
        done = concurrent.futures.as_completed(futures)
        total = sum(f.result() for f in tqdm(done, total=len(futures), desc="Executor", ncols=70))
    print(f"Executor: sum of squares {total}")
