#!/usr/bin/env python3
"""Measure how a CPU-bound job speeds up with Pool, from 1 process to one per core.

Prints a table and draws it as an SVG figure that names the machine:

    python benchmarks/pool_speedup.py [--svg PATH] [--data PATH] [--tasks N] [--size N]
    python benchmarks/pool_speedup.py --redraw DATA --svg PATH

``--data`` also saves the measurements as JSON, and ``--redraw`` draws a
figure from such a file, so a machine without matplotlib can measure and
another can draw.

The job is many equal pieces of pure-Python arithmetic. Each pool is started
and warmed up before the clock starts, so the figures show the work itself,
not the start-up of the processes. A thread pool of one thread per core runs
the same job for comparison.
"""

import argparse
import json
import multiprocessing
import multiprocessing.pool
import time
from pathlib import Path

import _machine

TARGET_EFFICIENCY = 0.85


def piece(n):
    """One CPU-bound piece of work: no I/O, no shared state."""
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total


def timed(map_function, tasks):
    started = time.perf_counter()
    results = map_function(piece, tasks)
    return time.perf_counter() - started, sum(results)


def measure(tasks, cores):
    serial, expected = timed(lambda f, xs: list(map(f, xs)), tasks)
    rows = [("serial", 1, serial, expected)]
    for n in range(1, cores + 1):
        with multiprocessing.Pool(n) as pool:
            pool.map(piece, [1] * n)  # start every worker before timing
            seconds, result = timed(lambda f, xs: pool.map(f, xs, chunksize=1), tasks)
        rows.append(("processes", n, seconds, result))
    with multiprocessing.pool.ThreadPool(cores) as pool:
        seconds, result = timed(lambda f, xs: pool.map(f, xs, chunksize=1), tasks)
    rows.append(("threads", cores, seconds, result))
    assert all(r[3] == expected for r in rows), "a pool computed a different result"
    return serial, rows


def report(serial, rows):
    print(f"{'kind':<10} {'workers':>7} {'seconds':>8} {'speedup':>8} {'per worker':>10}")
    for kind, n, seconds, _ in rows:
        speedup = serial / seconds
        print(f"{kind:<10} {n:>7} {seconds:>8.2f} {speedup:>7.2f}x {speedup / n:>10.2f}")
    kind, n, seconds, _ = [r for r in rows if r[0] == "processes"][-1]
    speedup = serial / seconds
    verdict = "meets" if speedup >= TARGET_EFFICIENCY * n else "misses"
    print(f"\nAt {n} processes: {speedup:.2f}x the serial speed; the target "
          f"{TARGET_EFFICIENCY} x {n} = {TARGET_EFFICIENCY * n:.2f}x: {verdict} it.")


def draw(serial, rows, path, measured_on):
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    # A small figure with large type: shrunk to a phone's width (about 340
    # CSS pixels) its smallest text is still 12 px tall. Text stays text, so
    # that readers can select it and the browser test can measure it.
    plt.rcParams.update({"svg.fonttype": "none", "font.size": 12})
    procs = [(n, serial / s) for kind, n, s, _ in rows if kind == "processes"]
    threads = [(n, serial / s) for kind, n, s, _ in rows if kind == "threads"]
    ns = [n for n, _ in procs]
    fig, ax = plt.subplots(figsize=(4.4, 5.4))
    ax.plot(ns, ns, linestyle=":", color="grey", label="ideal (N x)")
    ax.plot(ns, [TARGET_EFFICIENCY * n for n in ns], linestyle="--", color="#c77",
            label=f"target ({TARGET_EFFICIENCY} N x)")
    ax.plot(ns, [s for _, s in procs], marker="o", color="#2a6fdb", label="Pool, N processes")
    ax.plot([n for n, _ in threads], [s for _, s in threads], marker="s", linestyle="none",
            color="#e08a00", label="ThreadPool, 1 thread a core")
    ax.set_xlabel("workers (N)")
    ax.set_ylabel("speedup over serial")
    ax.set_xticks([n for n in ns if n in (1, 2, 4) or n % 4 == 0])
    ax.set_ylim(bottom=0)
    ax.set_yticks(range(0, max(ns) + 1, 2 if max(ns) <= 16 else 4))
    ax.grid(alpha=0.3)
    # The legend goes under the chart: inside it, it lay on the lines.
    ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.2), fontsize=12, frameon=False,
              handlelength=1.5, borderaxespad=0)
    ax.set_title(f"CPU-bound job, Pool.map\n{measured_on}", fontsize=12, wrap=True)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None})
    print(f"figure written to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--svg", type=Path, default=Path("build/benchmarks/pool_speedup.svg"))
    parser.add_argument("--cores", type=int, default=_machine.usable_cores())
    parser.add_argument("--tasks", type=int, default=None,
                        help="number of pieces (default: 24 per core)")
    parser.add_argument("--size", type=int, default=500_000, help="loop length of a piece")
    parser.add_argument("--data", type=Path, help="also save the measurements as JSON here")
    parser.add_argument("--redraw", type=Path, help="draw from saved measurements, measure nothing")
    options = parser.parse_args()
    if options.redraw:
        saved = json.loads(options.redraw.read_text())
        serial, rows, measured_on = saved["serial"], saved["rows"], saved["machine"]
    else:
        tasks = [options.size] * (options.tasks or 24 * options.cores)
        measured_on = _machine.summary()
        print(f"Machine: {measured_on}")
        print(f"Job: {len(tasks)} pieces of {options.size:,} iterations\n")
        serial, rows = measure(tasks, options.cores)
        if options.data:
            options.data.write_text(json.dumps(
                {"machine": measured_on, "serial": serial, "rows": rows}, indent=1))
    report(serial, rows)
    draw(serial, rows, options.svg, measured_on)

if __name__ == "__main__":
    main()
