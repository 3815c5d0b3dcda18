#!/usr/bin/env python3
"""Measure the window in which a Ctrl-C sent while a pool starts is lost or kept.

A program that creates a pool shields it from Ctrl-C while the workers
start, so that no worker dies with a traceback before its initializer has
made it ignore SIGINT. There are two ways to shield it, and a third, broken,
variant of the second is measured beside them:

    ignore   signal.signal(SIGINT, SIG_IGN) around Pool(): a Ctrl-C in the
             window is thrown away, and the program runs on to its end
    block    signal.pthread_sigmask(SIG_BLOCK, {SIGINT}) around Pool(): a
             Ctrl-C in the window waits, and the parent gets it on unblocking;
             multiprocessing's resource tracker is started first, since on
             Python 3.11 to 3.13 its start unblocks SIGINT again
    block-only   the same without starting the resource tracker first

For each start method and each way, a fresh Python process creates a pool
of two workers and then runs a short job; this script sends SIGINT to its
process group at a random moment inside the window, measured each time on
the monotonic clock both processes share. A run that exits with 130 kept
the Ctrl-C; one that exits with 0 lost it.

    .venv/bin/python benchmarks/ctrlc_window.py [--runs N] [--data PATH]

Writes its figures into benchmarks/ctrlc_window.json (or PATH) for the
article, under the Python version that ran it (other versions' figures stay),
with the machine and its load average before and after the runs. Run it
with each Python the article names, e.g. 3.11 and 3.14.
"""

import argparse
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from multiprocessing import resource_tracker
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
METHODS = ("fork", "spawn", "forkserver")
WAYS = ("ignore", "block", "block-only")


# --- the measured program, run in a process of its own ---------------------

def worker_start(way):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if way != "ignore":
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def task(n):
    time.sleep(0.05)
    return n


def child(method, way):
    """Create a pool shielded the given way, run a job; 130 if Ctrl-C reached us."""
    # As in a terminal, whatever this driver was started with (a shell's
    # background job ignores SIGINT, and a child would inherit that).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    context = multiprocessing.get_context(method)
    if way == "block":
        resource_tracker.ensure_running()
    print("go", flush=True)  # the window opens now
    opened = time.monotonic()
    if way == "ignore":
        default = signal.signal(signal.SIGINT, signal.SIG_IGN)
    else:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pool = context.Pool(2, initializer=worker_start, initargs=(way,))
    closed = time.monotonic()
    try:
        if way == "ignore":
            signal.signal(signal.SIGINT, default)
        else:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        pool.map(task, range(10), chunksize=1)
        status = 0
    except KeyboardInterrupt:
        status = 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        pool.terminate()
        pool.join()
        print(f"window {opened!r} {closed!r}", flush=True)
    sys.exit(status)


# --- the driver -------------------------------------------------------------

def one_run(method, way, delay):
    """Start the program, Ctrl-C it ``delay`` s into its window: a dict of what happened."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", method, way],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        first = proc.stdout.readline()
        if first.strip() != "go":
            raise RuntimeError(f"{method}/{way}: the program failed to start: {first!r}")
        time.sleep(delay)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    traceback = "Traceback" in err
    words = out.split()
    if len(words) != 3:  # it died inside the window, before it could report it
        if not traceback:
            raise RuntimeError(f"{method}/{way}: unexpected output {out!r} {err!r}")
        return {"delay": delay, "window": None, "inside": True,
                "status": proc.returncode, "traceback": traceback}
    opened, closed = float(words[1]), float(words[2])
    return {"delay": delay, "window": closed - opened, "inside": opened <= sent <= closed,
            "status": proc.returncode, "traceback": traceback}


def measure(runs):
    rows = []
    for method in METHODS:
        for way in WAYS:
            # A first run without a signal inside the window gives its size.
            guess = one_run(method, way, 5.0)["window"]
            results = []
            for _ in range(runs):
                results.append(one_run(method, way, random.uniform(0, 0.9 * guess)))
            windows = [r["window"] for r in results if r["window"] is not None] or [guess]
            inside = [r for r in results if r["inside"]]
            rows.append({
                "method": method, "way": way, "runs": runs,
                "window_ms": {"min": 1e3 * min(windows),
                              "median": 1e3 * statistics.median(windows),
                              "max": 1e3 * max(windows)},
                "inside": len(inside),
                "lost": sum(r["status"] == 0 for r in inside),
                "kept": sum(r["status"] == 130 for r in inside),
                "tracebacks": sum(r["traceback"] for r in results),
                "died": sum(r["window"] is None for r in results),
            })
            print(report_row(rows[-1]), flush=True)
    return rows


def report_row(row):
    w = row["window_ms"]
    return (f"{row['method']:<10} {row['way']:<6} window {w['min']:5.0f} to {w['max']:5.0f} ms "
            f"(median {w['median']:4.0f}); Ctrl-C inside it {row['inside']:2d} times: "
            f"lost {row['lost']:2d}, kept {row['kept']:2d}; tracebacks {row['tracebacks']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12, help="runs per method and way")
    parser.add_argument("--data", type=Path, default=HERE / "ctrlc_window.json")
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "WAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(_machine.headline(_machine.describe()), flush=True)
    load = round(os.getloadavg()[0], 2)
    rows = measure(args.runs)
    _machine.save_for_this_python(args.data, {"load": [load], "workers": 2, "rows": rows})
    print(f"saved {args.data}")


if __name__ == "__main__":
    main()
