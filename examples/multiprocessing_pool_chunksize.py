#!/usr/bin/env python3
"""chunksize sends the inputs to the workers in batches, one batch per task."""

import multiprocessing
import os


def tag(n):
    return n, os.getpid()  # which process computed n (never printed)


if __name__ == "__main__":
    items, chunksize = range(20), 5
    with multiprocessing.Pool(processes=2) as pool:
        results = pool.map(tag, items, chunksize=chunksize)

    chunks = [results[i:i + chunksize] for i in range(0, len(results), chunksize)]
    whole = all(len({pid for _, pid in chunk}) == 1 for chunk in chunks)
    print(f"{len(items)} items, chunksize={chunksize}: {len(chunks)} tasks")
    print("each chunk ran in a single worker:", whole)
    print("results in input order:", [n for n, _ in results] == list(items))
