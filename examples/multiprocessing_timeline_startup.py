#!/usr/bin/env python3
"""How long each start method takes before a child does its first work."""

import json
import multiprocessing
import os
import time


def work(queue):
    began = time.monotonic_ns()  # the first thing the child does
    cpu = time.process_time_ns()  # CPU time this process used to get here
    time.sleep(0.01)
    queue.put((os.getpid(), began, time.monotonic_ns(), cpu))


if __name__ == "__main__":
    panels = []
    for method in sorted(multiprocessing.get_all_start_methods()):
        context = multiprocessing.get_context(method)
        queue = context.SimpleQueue()
        t0 = time.monotonic_ns()
        children, asked = [], {}
        for _ in range(2):
            child = context.Process(target=work, args=(queue,))
            called = time.monotonic_ns() - t0
            child.start()
            children.append(child)
            asked[child.pid] = called
        bars, cpu = [], []
        for _ in children:
            pid, began, done, used = queue.get()
            bars += [[pid, "start-up", asked[pid], began - t0, "wait"],
                     [pid, "work", began - t0, done - t0]]
            cpu.append([pid, used])
        for child in children:
            child.join()
        print(f"{method}: {', '.join(child.name for child in children)} did their work")
        panels.append({"title": method, "lane_name": "child", "bars": bars,
                       "cpu": cpu,  # not drawn: each child's CPU time before its work
                       "end": time.monotonic_ns() - t0})
    if os.environ.get("TIMELINE"):  # python3 timeline.py draws it
        with open(os.environ["TIMELINE"], "w") as f:
            json.dump({"title": "Two children started with each start method, from the "
                       "call to start() to their first work", "panels": panels}, f)
