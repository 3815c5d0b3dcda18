#!/usr/bin/env python3
"""A tqdm progress bar over a pool's imap_unordered()."""

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
        total = sum(tqdm(results, total=len(items), desc="squares", ncols=70))
    print(f"sum of squares: {total}")
