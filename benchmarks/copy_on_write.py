#!/usr/bin/env python3
"""How much memory forked children copy from their parent, and what gc.freeze() changes.

A parent builds a large list of small Python objects (one-item lists, which
the garbage collector tracks), then forks a few children with the fork start
method. Each child does one thing with the data, then waits while the parent
measures its unique set size (USS): the memory that belongs to that child
alone, which is what fork's copy-on-write had to copy for it. The cases:

    idle          the child does not touch the data
    read          the child reads every object (reference counts change)
    collect       the child runs a full garbage collection (gc.collect())
    freeze+collect  the parent calls gc.freeze() before forking; the child collects
    freeze+read     the parent calls gc.freeze() before forking; the child reads

Each case runs in a fresh Python process; each figure is the smallest of a
few runs.

    .venv/bin/python benchmarks/copy_on_write.py [--objects N] [--json PATH]

Writes benchmarks/copy_on_write.json (or PATH) for the article.
"""

import argparse
import gc
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import _machine

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024
CASES = ("idle", "read", "collect", "freeze+collect", "freeze+read")


# --- one measured case, run in a process of its own -----------------------

data = None


def child(action, done, leave):
    if action == "read":
        total = 0
        for item in data:  # each object's reference count goes up and down
            total += item[0]
    elif action == "collect":
        gc.collect()
    done.set()
    leave.wait()


def one_case(case, objects, children):
    """Fork ``children`` children that act on the data; print their USS as JSON."""
    import psutil

    global data
    me = psutil.Process()
    before = me.memory_full_info().uss
    data = [[i] for i in range(objects)]
    data_mb = (me.memory_full_info().uss - before) / MB
    action = case.split("+")[-1]
    if case.startswith("freeze"):
        gc.freeze()  # move every tracked object to the permanent generation
    ctx = multiprocessing.get_context("fork")
    leave = ctx.Event()
    procs = []
    for _ in range(children):
        done = ctx.Event()
        procs.append((ctx.Process(target=child, args=(action, done, leave)), done))
    for p, _ in procs:
        p.start()
    for _, done in procs:
        done.wait()
    uss = [psutil.Process(p.pid).memory_full_info().uss / MB for p, _ in procs]
    leave.set()
    for p, _ in procs:
        p.join()
    print(json.dumps({"data_mb": data_mb, "child_uss_mb": uss}))


# --- the driver ------------------------------------------------------------

def measure(case, objects, children):
    command = [sys.executable, __file__, "--one", case,
               "--objects", str(objects), "--children", str(children)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--objects", type=int, default=1_000_000,
                        help="objects in the parent's list (default 1,000,000)")
    parser.add_argument("--children", type=int, default=2, help="children forked (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the smallest counts")
    parser.add_argument("--json", type=Path, default=HERE / "copy_on_write.json",
                        help="where to write the data")
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one_case(options.one, options.objects, options.children)
        return

    info = _machine.describe()
    print(_machine.headline(info))
    rows, data_mb = [], []
    for case in CASES:
        runs = [measure(case, options.objects, options.children) for _ in range(options.runs)]
        data_mb += [r["data_mb"] for r in runs]
        uss = min(max(r["child_uss_mb"]) for r in runs)
        rows.append({"case": case, "child_uss_mb": round(uss, 1)})
    data_size = sorted(data_mb)[len(data_mb) // 2]
    print(f"parent's list: {options.objects:,} objects, {data_size:.0f} MB; "
          f"{options.children} children forked; USS of the largest child, "
          f"smallest of {options.runs} runs\n")
    print(f"{'case':<16}{'child USS MB':>13}")
    for row in rows:
        print(f"{row['case']:<16}{row['child_uss_mb']:>13.1f}")
    options.json.write_text(json.dumps({
        "machine": info, "objects": options.objects, "children": options.children,
        "runs": options.runs, "data_mb": round(data_size, 1), "rows": rows,
    }, indent=1) + "\n")
    print(f"\nwrote {options.json}")


if __name__ == "__main__":
    main()
