#!/usr/bin/env python3
"""Count how often Pool.terminate() hangs after a worker was killed with SIGKILL.

A pool worker that waits for its next task holds the lock of the pool's
task queue while it waits. Killed then, it never releases it, and
terminate() (and so the end of a ``with Pool()`` block) waits for that lock
forever. Killed while it runs a task, it holds no lock, and terminate()
returns.

For each start method, a fresh Python process runs a job of 40 tasks of
10 ms on a pool of two workers, SIGKILLs one of the workers at a random
moment between the start of the job and a while after its end, then calls
terminate() in a thread and waits at most a few seconds for it. The run
records whether terminate() returned, and whether the job had ended before
the kill (the workers were then waiting for tasks).

    .venv/bin/python benchmarks/terminate_hang.py [--runs N] [--data PATH]

Writes its figures into benchmarks/terminate_hang.json (or PATH) for the
article, under the Python version that ran it (other versions' figures
stay), with the machine and its load average before and after the runs.
"""

import argparse
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
METHODS = ("fork", "spawn", "forkserver")
TASKS, TASK_SECONDS, WORKERS = 40, 0.01, 2
BOUND = 3.0
"""Seconds terminate() gets before the run counts as hung."""


# --- the measured program, run in a process of its own ---------------------

def task(n):
    time.sleep(TASK_SECONDS)
    return n


def child(method, delay):
    """Kill a worker ``delay`` s into a job, then terminate(): prints what happened."""
    pool = multiprocessing.get_context(method).Pool(WORKERS)
    pool.map(task, range(WORKERS))  # every worker has started
    workers = [p for p in multiprocessing.active_children()]
    job = pool.map_async(task, range(TASKS), chunksize=1)
    time.sleep(delay)
    idle = job.ready()
    os.kill(random.choice(workers).pid, signal.SIGKILL)
    time.sleep(0.2)  # the pool notices and replaces the worker
    stopper = threading.Thread(target=pool.terminate, daemon=True)
    stopper.start()
    stopper.join(BOUND)
    hung = stopper.is_alive()
    print(json.dumps({"delay": delay, "idle": idle, "hung": hung}), flush=True)
    if hung:
        for process in multiprocessing.active_children():
            process.kill()
    sys.exit(0)


# --- the driver -------------------------------------------------------------

def one_run(method, delay):
    proc = subprocess.run([sys.executable, __file__, "--child", method, repr(delay)],
                          capture_output=True, text=True, timeout=60)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or len(lines) != 1:
        raise RuntimeError(f"{method}: the program failed: {proc.stdout!r} {proc.stderr!r}")
    return json.loads(lines[0])


def measure(runs):
    job = TASKS * TASK_SECONDS / WORKERS
    rows = []
    for method in METHODS:
        results = [one_run(method, random.uniform(0, 2 * job)) for _ in range(runs)]
        busy = [r for r in results if not r["idle"]]
        idle = [r for r in results if r["idle"]]
        rows.append({"method": method, "runs": runs,
                     "hung": sum(r["hung"] for r in results),
                     "killed_busy": len(busy), "hung_busy": sum(r["hung"] for r in busy),
                     "killed_idle": len(idle), "hung_idle": sum(r["hung"] for r in idle)})
        print(report_row(rows[-1]), flush=True)
    return rows


def report_row(row):
    return (f"{row['method']:<10} terminate() hung in {row['hung']:2d} of {row['runs']} runs: "
            f"{row['hung_busy']} of {row['killed_busy']} killed during the job, "
            f"{row['hung_idle']} of {row['killed_idle']} killed after it")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12, help="runs per start method")
    parser.add_argument("--data", type=Path, default=HERE / "terminate_hang.json")
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "DELAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]))
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(_machine.headline(_machine.describe()), flush=True)
    load = round(os.getloadavg()[0], 2)
    rows = measure(args.runs)
    _machine.save_for_this_python(args.data, {"load": [load], "workers": WORKERS, "tasks": TASKS,
                                  "task_ms": 1e3 * TASK_SECONDS, "bound_s": BOUND, "rows": rows})
    print(f"saved {args.data}")


if __name__ == "__main__":
    main()
