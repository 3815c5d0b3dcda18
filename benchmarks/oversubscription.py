#!/usr/bin/env python3
"""NumPy matrix products in a pool, with BLAS threads left alone or limited to one per worker.

NumPy hands a matrix product to its BLAS library, which starts one thread
per core by default. A pool of one worker per core then runs cores x cores
threads on cores cores. The cases, each in a fresh Python process:

    serial      no pool: the parent runs every product, its BLAS using every core
    unlimited   a pool of one worker per core, each worker's BLAS as it comes
    limited     the same pool, each worker held to one BLAS thread by
                threadpoolctl.threadpool_limits() in the pool's initializer

The case processes run without OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE and the
*_NUM_THREADS variables, so OpenBLAS picks its kernel and thread count
itself; threadpoolctl reports what it picked, and the data records it. Each
figure is the best of a few runs.

    .venv/bin/python benchmarks/oversubscription.py [--size N] [--tasks N] [--json PATH]

Writes benchmarks/oversubscription.json (or PATH) for the article.
"""

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
CASES = ("serial", "unlimited", "limited")
CLEARED = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
           "OMP_NUM_THREADS", "MKL_NUM_THREADS", "GOTO_NUM_THREADS")


# --- one measured case, run in a process of its own -----------------------

def one_blas_thread():
    import numpy  # noqa: F401  threadpoolctl limits only libraries already loaded
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def products(seed_and_size):
    """A few products of one seeded random matrix; the BLAS as seen from here."""
    import numpy as np
    from threadpoolctl import threadpool_info

    seed, size = seed_and_size
    a = np.random.default_rng(seed).random((size, size))
    b = a
    for _ in range(3):
        b = a @ b
        b /= np.abs(b).max()
    blas = [{k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for lib in threadpool_info() if lib["user_api"] == "blas"]
    return float(b.sum()), blas


def one_case(case, size, tasks, workers):
    work = [(seed, size) for seed in range(tasks)]
    started = time.perf_counter()
    if case == "serial":
        results = list(map(products, work))
    else:
        init = one_blas_thread if case == "limited" else None
        pool = multiprocessing.Pool(workers, initializer=init)
        results = pool.map(products, work, chunksize=1)
        pool.close()
        pool.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "blas": results[-1][1],
                      "start_method": multiprocessing.get_start_method()}))


# --- the driver ------------------------------------------------------------

def cpu_seconds_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(case, options):
    """Run one case in a fresh process: its wall time, BLAS, and CPU time in all.

    The CPU time adds up every thread of the case process and of its
    workers. Unlike the wall time, other programs that share the machine
    hardly change it, so it shows the work wasted by surplus threads.
    """
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    command = [sys.executable, __file__, "--one", case, "--size", str(options.size),
               "--tasks", str(options.tasks), "--workers", str(options.workers)]
    cpu_before = cpu_seconds_of_children()
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    result = json.loads(out)
    result["cpu_seconds"] = cpu_seconds_of_children() - cpu_before
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=600, help="matrix side (default 600)")
    parser.add_argument("--tasks", type=int, default=32, help="tasks (default 32)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="pool size (default: one per core)")
    parser.add_argument("--runs", type=int, default=5, help="runs per case; the best counts")
    parser.add_argument("--json", type=Path, default=HERE / "oversubscription.json",
                        help="where to write the data")
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one_case(options.one, options.size, options.tasks, options.workers)
        return

    info = _machine.describe()
    load_before = os.getloadavg()[0]
    print(f"{_machine.headline(info)}; load {load_before:.1f}")
    print(f"{options.tasks} tasks of 3 products of {options.size}x{options.size} matrices; "
          f"pool of {options.workers}; best of {options.runs} runs\n")
    print(f"{'case':<11}{'BLAS threads':>13}{'threads in all':>16}{'seconds':>9}"
          f"{'CPU seconds':>13}")
    rows = []
    # The cases take turns, so a load that comes and goes touches them alike.
    measured = {case: [] for case in CASES}
    for _ in range(options.runs):
        for case in CASES:
            measured[case].append(measure(case, options))
    for case, runs in measured.items():
        seconds = min(r["seconds"] for r in runs)
        cpu = min(r["cpu_seconds"] for r in runs)
        blas = runs[0]["blas"]
        per_process = blas[0]["num_threads"] if blas else None
        in_all = per_process * (1 if case == "serial" else options.workers) if blas else None
        rows.append({"case": case, "seconds": round(seconds, 3),
                     "cpu_seconds": round(cpu, 3), "blas": blas,
                     "blas_threads": per_process, "threads_in_all": in_all,
                     "all_seconds": [round(r["seconds"], 3) for r in runs]})
        print(f"{case:<11}{per_process!s:>13}{in_all!s:>16}{seconds:>9.2f}{cpu:>13.2f}")
    print("\nBLAS:", ", ".join(f"{k} {v}" for k, v in rows[0]["blas"][0].items()
                               if k != "num_threads"))
    options.json.write_text(json.dumps({
        "machine": info, "size": options.size, "tasks": options.tasks,
        "workers": options.workers, "runs": options.runs,
        "start_method": measured["limited"][0]["start_method"],
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cleared_variables": list(CLEARED),
        "rows": rows,
    }, indent=1) + "\n")
    print(f"\nwrote {options.json}")


if __name__ == "__main__":
    main()
