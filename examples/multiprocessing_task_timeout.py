#!/usr/bin/env python3
"""A process per task can be stopped alone; get(timeout=) stops the waiting, not the task."""

import multiprocessing
import time

LIMIT = 1.0  # seconds each task may run


def work(seconds):
    time.sleep(seconds)
    return f"slept {seconds} s"


def run_one(seconds, conn):
    conn.send(time.monotonic())  # when the task starts: its time counts from here
    conn.send(work(seconds))


if __name__ == "__main__":
    tasks = {}
    for seconds in (0.1, 5, 0.2):  # one process and one pipe per task
        reader, writer = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=run_one, args=(seconds, writer))
        p.start()
        writer.close()  # the child has its copy
        tasks[seconds] = (p, reader)
    for seconds, (p, reader) in tasks.items():
        started = reader.recv()
        if reader.poll(max(0.0, started + LIMIT - time.monotonic())):
            print(f"task {seconds}: {reader.recv()}")
        else:
            p.terminate()  # only this task's process
            print(f"task {seconds}: stopped after {LIMIT} s")
        p.join()

    with multiprocessing.Pool(1) as pool:
        slow = pool.apply_async(work, (1.5,))
        try:
            slow.get(timeout=0.3)
        except multiprocessing.TimeoutError:
            print("get(timeout=0.3): TimeoutError, but the task runs on")
        start = time.monotonic()
        pool.apply(work, (0,))  # needs the only worker, which is still busy
        print(f"the next task waited {time.monotonic() - start:.1f} s for the worker")
