#!/usr/bin/env python3
"""terminate() stops a process at once; join() then collects its exit code."""

import multiprocessing
import time


def slow_worker(started):
    print("worker: started", flush=True)  # it is terminated, never flushed
    started.set()
    try:
        time.sleep(10)
    finally:
        print("worker: cleaning up (never printed)")


if __name__ == "__main__":
    started = multiprocessing.Event()
    p = multiprocessing.Process(name="worker", target=slow_worker, args=(started,))
    print(f"before start: alive={p.is_alive()}, exitcode={p.exitcode}")
    p.start()
    started.wait()
    print(f"running:      alive={p.is_alive()}, exitcode={p.exitcode}")
    p.terminate()
    p.join()
    print(f"after join:   alive={p.is_alive()}, exitcode={p.exitcode}")
