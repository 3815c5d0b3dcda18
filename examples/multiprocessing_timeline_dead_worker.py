#!/usr/bin/env python3
"""A worker killed mid-run: what a Pool and an executor do with the other tasks."""

import concurrent.futures
import json
import multiprocessing
import os
import signal
import time

events = None  # the queue on which each worker notes what its tasks do


def note(n, what):
    events.put((n, os.getpid(), what, time.monotonic_ns()))


def note_on(queue):  # each worker's initializer
    global events
    events = queue
    note(None, "up")


def task(n):
    note(n, "start")
    if n == 3:
        note(n, "killed")
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    time.sleep(0.1)
    note(n, "end")


def bars(queue, t0):
    seen = {}
    while not queue.empty():
        n, pid, what, at = queue.get()
        seen.setdefault(n, {"pid": pid})[what] = at - t0
    return [[s["pid"], n, s["start"], s.get("end", s.get("killed")),
             "task" if "end" in s else "killed"] for n, s in seen.items() if n is not None]


if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")  # no fork while the pool's threads run
    queue, panels = spawn.SimpleQueue(), []
    with spawn.Pool(2, initializer=note_on, initargs=(queue,)) as pool:
        queue.get(), queue.get()  # both workers are up
        t0 = time.monotonic_ns()
        try:
            pool.map_async(task, range(8), chunksize=1).get(timeout=1)
        except multiprocessing.TimeoutError:
            print("Pool: no result after 1 s; map() would wait for task 3 for ever")
            gave_up = ["parent", "gave up", time.monotonic_ns() - t0]
        panels.append({"title": "Pool", "tasks": list(range(8)), "bars": bars(queue, t0),
                       "marks": [gave_up]})
    with concurrent.futures.ProcessPoolExecutor(
            2, mp_context=spawn, initializer=note_on, initargs=(queue,)) as executor:
        t0 = time.monotonic_ns()
        futures = [executor.submit(task, n) for n in range(8)]
        concurrent.futures.wait(futures)
        broke = ["parent", "broken", time.monotonic_ns() - t0]
        lost = {n for n, future in enumerate(futures) if future.exception()}
        print("executor: BrokenProcessPool for every task not done, 3 and later included:",
              lost >= {3, 4, 5, 6, 7})
        panels.append({"title": "ProcessPoolExecutor", "tasks": list(range(8)),
                       "bars": bars(queue, t0), "marks": [broke]})
    if os.environ.get("TIMELINE"):  # python3 timeline.py draws it
        with open(os.environ["TIMELINE"], "w") as f:
            json.dump({"title": "Task 3 kills its worker", "panels": panels,
                       "legend": {"mark": "what the parent saw"}}, f)
