#!/usr/bin/env python3
"""map() hands back every result at the end; imap_unordered() each one as it is done."""

import json
import multiprocessing
import os
import time

SECONDS = [0.08, 0.02, 0.05, 0.01, 0.04, 0.03, 0.06, 0.02]  # how long each task takes


def task(n):
    start = time.monotonic_ns()
    time.sleep(SECONDS[n])
    return n, os.getpid(), start, time.monotonic_ns()


if __name__ == "__main__":
    panels = []
    up = multiprocessing.Barrier(4)  # the three workers and the parent
    with multiprocessing.Pool(3, initializer=up.wait) as pool:
        up.wait()  # every worker is up: the clock can start
        for name in ("map", "imap_unordered"):
            t0 = time.monotonic_ns()
            bars, handed = [], []
            for n, pid, start, stop in getattr(pool, name)(task, range(len(SECONDS))):
                handed.append(["parent", n, time.monotonic_ns() - t0])  # the loop has it
                bars.append([pid, n, start - t0, stop - t0])
            last = max(stop for _, _, _, stop in bars)
            print(f"{name}: first result handed back before the last task ended:",
                  handed[0][2] < last)
            panels.append({"title": f"{name}()", "workers": 3, "bars": bars,
                           "marks": handed, "end": time.monotonic_ns() - t0})
    if os.environ.get("TIMELINE"):  # python3 timeline.py draws it
        with open(os.environ["TIMELINE"], "w") as f:
            json.dump({"title": "map() and imap_unordered() on the same 8 tasks, 3 workers",
                       "legend": {"mark": "a result reaches the loop"}, "panels": panels}, f)
