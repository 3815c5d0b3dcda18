#!/usr/bin/env python3
"""Two stages joined by queues: each item is squared, then has one added."""

import json
import multiprocessing
import os
import time


def stage(work, seconds, ready, inbox, outbox):
    name = multiprocessing.current_process().name
    ready.wait()  # every process is up: the clock starts
    for n, value, bars in iter(inbox.get, None):  # None: no more items
        start = time.monotonic_ns()
        time.sleep(seconds)  # the work takes that long
        bars.append([name, n, start, time.monotonic_ns()])
        outbox.put((n, work(value), bars))


def square(x):
    return x * x


def add_one(x):
    return x + 1


if __name__ == "__main__":
    jobs, squares, results = (multiprocessing.Queue() for _ in range(3))
    ready = multiprocessing.Barrier(5)  # the four workers and the parent
    workers = [multiprocessing.Process(name=f"{work.__name__}-{i}", target=stage,
                                       args=(work, seconds, ready, inbox, outbox))
               for work, seconds, inbox, outbox in [(square, 0.02, jobs, squares),
                                                     (add_one, 0.03, squares, results)]
               for i in (1, 2)]
    for worker in workers:
        worker.start()
    ready.wait()
    t0 = time.monotonic_ns()
    for n in range(8):
        jobs.put((n, n, []))
    done = [results.get() for _ in range(8)]
    for queue in (jobs, jobs, squares, squares):  # one end marker for each worker
        queue.put(None)
    for worker in workers:
        worker.join()
    print("results:", sorted(value for _, value, _ in done))
    if os.environ.get("TIMELINE"):  # python3 timeline.py draws it
        bars = [[lane, n, start - t0, stop - t0] for _, _, b in done
                for lane, n, start, stop in b]
        with open(os.environ["TIMELINE"], "w") as f:
            json.dump({"title": "8 items through two stages: square (20 ms), then add one "
                       "(30 ms)", "panels": [{"lanes": [w.name for w in workers],
                                              "bars": bars}]}, f)
