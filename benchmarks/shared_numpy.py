#!/usr/bin/env python3
"""Pickling a NumPy array to every pool task against sharing it: time and peak memory.

For each array size, a pool of workers runs the same tasks twice, each time
in a fresh Python process: once with the whole array passed to every task as
an argument (it is pickled, sent down a pipe and unpickled each time), once
with the array in a SharedMemory block that each worker attaches to in the
pool's initializer (a task then receives only its number). Each task sums
its share of the array, so the work itself is small and the cost of moving
the data shows.

The time runs from creating the array to the pool's end. The memory is the
peak of the proportional set size (PSS) summed over the measured process and
all its children, sampled every few milliseconds from outside: PSS counts a
page shared by N processes as 1/N in each, so the sum is what the whole
program occupies in RAM. Each figure is the best of a few runs.

    .venv/bin/python benchmarks/shared_numpy.py [--sizes MB ...] [--json PATH]

Writes benchmarks/shared_numpy.json (or PATH) for the article.
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time
from multiprocessing import shared_memory
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024


# --- one measured case, run in a process of its own -----------------------

def pickled_task(array_and_task):
    array, task, tasks = array_and_task
    return float(array[task::tasks].sum())


def attach(name, size):
    import numpy as np

    global block, array
    block = shared_memory.SharedMemory(name=name)
    array = np.ndarray((size,), np.float64, buffer=block.buf)


def shared_task(task_and_tasks):
    task, tasks = task_and_tasks
    return float(array[task::tasks].sum())


def fill(data):
    """Write 0, 1, 2, ... into ``data`` in slices, without a full-size temporary."""
    import numpy as np

    step = MB
    for start in range(0, data.size, step):
        stop = min(start + step, data.size)
        data[start:stop] = np.arange(start, stop, dtype=np.float64)


def one_case(mode, megabytes, workers, tasks):
    """Run one case; print its wall time as JSON."""
    import numpy as np

    size = megabytes * MB // 8
    started = time.perf_counter()
    if mode == "none":  # the same pool and tasks with no data: the baseline
        with multiprocessing.Pool(workers) as pool:
            sums = pool.map(abs, range(tasks))
        expected = sum(sums)
    elif mode == "pickled":
        data = np.empty(size, np.float64)
        fill(data)
        with multiprocessing.Pool(workers) as pool:
            sums = pool.map(pickled_task, [(data, t, tasks) for t in range(tasks)])
        expected = float(data.sum())
    else:
        block = shared_memory.SharedMemory(create=True, size=size * 8)
        data = np.ndarray((size,), np.float64, buffer=block.buf)
        fill(data)
        pool = multiprocessing.Pool(workers, initializer=attach, initargs=(block.name, size))
        sums = pool.map(shared_task, [(t, tasks) for t in range(tasks)])
        pool.close()
        pool.join()
        expected = float(data.sum())
        del data
        block.close()
        block.unlink()
    seconds = time.perf_counter() - started
    assert sum(sums) == expected  # whole numbers below 2**53: exact
    print(json.dumps({"seconds": seconds, "start_method": multiprocessing.get_start_method()}))


# --- the driver ------------------------------------------------------------

def tree_pss(proc):
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def measure(mode, megabytes, workers, tasks, sample):
    """Run one case in a fresh process: its seconds, peak PSS in MB (if sampled), start method.

    Sampling costs CPU time that the measured processes would otherwise get,
    so the runs that are timed are not sampled, and the other way round.
    """
    import psutil

    command = [sys.executable, __file__, "--one", mode, str(megabytes),
               "--workers", str(workers), "--tasks", str(tasks)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watched, peak = psutil.Process(proc.pid), 0
    if sample:
        while proc.poll() is None:
            peak = max(peak, tree_pss(watched))
            time.sleep(0.002)
    out = proc.stdout.read()
    proc.stdout.close()
    if proc.wait():
        sys.exit(f"{mode} {megabytes} MB failed with status {proc.returncode}")
    result = json.loads(out)
    return result["seconds"], peak / MB, result["start_method"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256],
                        help="array sizes in MB (default 16 64 256)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="pool size (default: one per core)")
    parser.add_argument("--tasks", type=int, default=8, help="tasks per pool (default 8)")
    parser.add_argument("--runs", type=int, default=3,
                        help="timed runs and sampled runs per figure; the best counts")
    parser.add_argument("--json", type=Path, default=HERE / "shared_numpy.json",
                        help="where to write the data")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "MB"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one_case(options.one[0], int(options.one[1]), options.workers, options.tasks)
        return

    info = _machine.describe()
    load_before = os.getloadavg()[0]
    print(f"{_machine.headline(info)}; load {load_before:.1f}")
    print(f"pool of {options.workers} workers, {options.tasks} tasks, "
          f"best of {options.runs} runs\n")
    cases = [("none", 0)] + [(mode, mb) for mb in options.sizes for mode in ("pickled", "shared")]
    seconds = {case: [] for case in cases}
    peaks = {case: [] for case in cases}
    # The cases take turns, so a load that comes and goes touches them alike.
    for _ in range(options.runs):
        for sample in (False, True):
            for mode, mb in cases:
                took, peak, method = measure(mode, mb, options.workers, options.tasks, sample)
                (peaks if sample else seconds)[mode, mb].append(peak if sample else took)
    print(f"{'array MB':>8} {'mode':<8} {'seconds':>8} {'peak MB':>8}")
    rows = []
    for mode, mb in cases:
        row = {"megabytes": mb, "mode": mode, "seconds": round(min(seconds[mode, mb]), 4),
               "peak_mb": round(min(peaks[mode, mb]), 1),
               "all_seconds": [round(t, 4) for t in seconds[mode, mb]]}
        print(f"{mb or '-':>8} {mode:<8} {row['seconds']:>8.3f} {row['peak_mb']:>8.0f}")
        if mode == "none":
            baseline = row
        else:
            rows.append(row)
    load_after = os.getloadavg()[0]
    options.json.write_text(json.dumps({
        "machine": info, "workers": options.workers, "tasks": options.tasks,
        "runs": options.runs, "start_method": method,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "baseline": {"seconds": baseline["seconds"], "peak_mb": baseline["peak_mb"]},
        "rows": rows,
    }, indent=1) + "\n")
    print(f"\nwrote {options.json}")


if __name__ == "__main__":
    main()
