#!/usr/bin/env python3
"""tqdm's process_map sends one task per item unless you give it a chunksize (argument)."""

import sys
import time

import tqdm
from tqdm.contrib.concurrent import process_map


def square(n):
    return n * n


if __name__ == "__main__":
    # No monitor thread: process_map starts its workers after the bar, and
    # forking a process that runs threads is unsafe (Python 3.12+ warns).
    tqdm.tqdm.monitor_interval = 0
    options = {"chunksize": int(sys.argv[1])} if len(sys.argv) > 1 else {}
    items = range(2000)
    start = time.perf_counter()
    process_map(square, items, max_workers=2, ncols=70, **options)
    chunksize = options.get("chunksize", 1)  # 1 is process_map's default
    print(f"chunksize={chunksize}: {len(items) // chunksize} tasks sent, "
          f"{time.perf_counter() - start:.2f} s")
