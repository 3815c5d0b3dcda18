#!/usr/bin/env python3
"""Measure how chunksize changes the time of a batch of 10,000 small tasks.

Prints a table and saves it as JSON, with the machine it ran on:

    python benchmarks/chunksize.py [--data PATH] [--items N] [--repeat N]

Each row runs ``Pool.imap_unordered()`` over the same inputs with one
chunksize, on a pool started and warmed up before the clock starts; the last
row is ``Pool.map()`` with the chunksize it picks by itself. A serial loop
gives the reference. Each time is the best of ``--repeat`` runs, since other
programs on the machine can only make a run slower.
"""

import argparse
import json
import math
import multiprocessing
import time
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
CHUNKSIZES = (1, 10, 100, 1000)


def task(n):
    """A small CPU-bound task, like checking one record: about 20 µs."""
    total = 0
    for i in range(200):
        total += (n * i) % 7
    return total


def best_time(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure(items, repeat):
    inputs = range(items)
    serial, expected = best_time(lambda: sum(map(task, inputs)), repeat)
    rows = [{"how": "serial loop", "chunksize": None, "tasks": None, "seconds": serial}]
    workers = _machine.usable_cores()
    with multiprocessing.Pool(workers) as pool:
        pool.map(task, range(workers), chunksize=1)  # start every worker first
        for chunksize in CHUNKSIZES:
            seconds, total = best_time(
                lambda c=chunksize: sum(pool.imap_unordered(task, inputs, chunksize=c)),
                repeat)
            assert total == expected
            rows.append({"how": "imap_unordered", "chunksize": chunksize,
                         "tasks": math.ceil(items / chunksize), "seconds": seconds})
        seconds, results = best_time(lambda: pool.map(task, inputs), repeat)
        assert sum(results) == expected
        # map() picks ceil(items / (4 * workers)), as Pool._map_async does.
        chosen = math.ceil(items / (4 * workers))
        rows.append({"how": "map, its own chunksize", "chunksize": chosen,
                     "tasks": math.ceil(items / chosen), "seconds": seconds})
    return {"machine": _machine.summary(), "workers": workers, "items": items,
            "repeat": repeat, "rows": rows}


def report(data):
    print(f"{data['items']} tasks on {data['workers']} workers; {data['machine']}")
    serial = data["rows"][0]["seconds"]
    print(f"{'how':<24} {'chunksize':>9} {'tasks':>6} {'seconds':>8} {'vs serial':>9}")
    for row in data["rows"]:
        chunksize = "" if row["chunksize"] is None else row["chunksize"]
        tasks = "" if row["tasks"] is None else row["tasks"]
        print(f"{row['how']:<24} {chunksize:>9} {tasks:>6} {row['seconds']:>8.3f} "
              f"{serial / row['seconds']:>8.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "chunksize.json")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = measure(args.items, args.repeat)
    report(data)
    args.data.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.data}")


if __name__ == "__main__":
    main()
