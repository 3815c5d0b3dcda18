#!/usr/bin/env python3
"""Three chunk sizes on the same 24 short tasks, each task timed in its worker."""

import itertools
import json
import multiprocessing
import os
import time


def task(n):
    start = time.monotonic_ns()
    time.sleep(0.002)  # a short task
    return n, os.getpid(), start, time.monotonic_ns()


def whole(results, size):
    """Whether each chunk of `size` inputs ran in one worker, one after another."""
    chunks = [results[i:i + size] for i in range(0, len(results), size)]
    return all(len({pid for _, pid, _, _ in chunk}) == 1
               and all(a[3] <= b[2] for a, b in itertools.pairwise(chunk)) for chunk in chunks)


if __name__ == "__main__":
    panels, workers, tasks = [], 4, 24
    up = multiprocessing.Barrier(workers + 1)  # the workers and the parent
    with multiprocessing.Pool(workers, initializer=up.wait) as pool:
        up.wait()  # every worker is up: the clock can start
        for chunksize in (1, None, 8):
            t0 = time.monotonic_ns()
            results = pool.map(task, range(tasks), chunksize=chunksize)
            end = time.monotonic_ns() - t0
            size = chunksize or -(-tasks // (4 * workers))  # what map() picks
            title = f"chunksize={chunksize or f'None, so {size}'}"
            print(f"{title}: {-(-tasks // size)} chunks of {size}, "
                  f"each ran whole in one worker: {whole(results, size)}")
            panels.append({"title": title, "workers": workers, "end": end, "bars": [
                [pid, n, start - t0, stop - t0] for n, pid, start, stop in results]})
    if os.environ.get("TIMELINE"):  # python3 timeline.py draws it
        with open(os.environ["TIMELINE"], "w") as f:
            json.dump({"title": "Pool.map(): 24 tasks of 2 ms on 4 workers",
                       "panels": panels}, f)
