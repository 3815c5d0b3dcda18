#!/usr/bin/env python3
"""get(timeout=) stops the waiting, not the task; a process per task can be stopped alone."""

import multiprocessing
import time


def work(seconds):
    time.sleep(seconds)
    return f"slept {seconds} s"


def run_one(seconds, conn):
    conn.send(work(seconds))


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        slow = pool.apply_async(work, (1.5,))
        try:
            slow.get(timeout=0.3)
        except multiprocessing.TimeoutError:
            print("get(timeout=0.3): TimeoutError, but the task runs on")
        start = time.monotonic()
        pool.apply(work, (0,))  # needs the only worker, which is still busy
        print(f"the next task waited {time.monotonic() - start:.1f} s for the worker")

    # One process and one pipe per task: the task that runs over is stopped alone.
    tasks = {}
    for seconds in (0.1, 5, 0.2):
        reader, writer = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=run_one, args=(seconds, writer))
        p.start()
        writer.close()  # the child has its copy
        tasks[seconds] = (p, reader)
    deadline = time.monotonic() + 1.0  # every task gets one second
    for seconds, (p, reader) in tasks.items():
        if reader.poll(max(0.0, deadline - time.monotonic())):
            print(f"task {seconds}: {reader.recv()}")
        else:
            p.terminate()
            print(f"task {seconds}: stopped when its second ran out")
        p.join()
