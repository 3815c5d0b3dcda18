#!/usr/bin/env python3
"""How much faster the map/reduce word count runs on a pool than serially.

Imports the functions of examples/multiprocessing_wordcount.py and runs them
on a larger copy of the example corpus, written to a temporary folder: each
text repeated inside its file, and each file copied several times, enough
to take a few seconds. It counts first with the built-in map, then with
pools of several sizes, and prints a table and the machine it ran on. Each
figure is the best of a few runs.

    .venv/bin/python benchmarks/wordcount_speedup.py [--repeat N] [--copies N] [--data FILE]

With --data it also saves what it measured as JSON, which the article reads.
"""

import argparse
import functools
import json
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import _machine

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
sys.path.insert(0, str(EXAMPLES))

from multiprocessing_mapreduce import map_reduce  # noqa: E402
from multiprocessing_wordcount import CORPUS, total, words_of  # noqa: E402


def best_of(runs, function):
    """The shortest wall-clock time of several runs, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def serial(files):
    return map_reduce(files, words_of, total)


def pooled(files, processes):
    # The pool's start-up is part of the cost, as it is in the example.
    with multiprocessing.Pool(processes) as pool:
        return map_reduce(files, words_of, total, pool.map)


def write_corpus(folder, repeat, copies):
    """The example corpus, each text repeated, each file copied; the paths."""
    files = []
    for source in sorted(CORPUS.glob("*.txt")):
        text = source.read_text(encoding="utf-8") * repeat
        for i in range(copies):
            path = Path(folder) / f"{source.stem}-{i}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=400,
                        help="times each text is repeated in its file (default 400)")
    parser.add_argument("--copies", type=int, default=16,
                        help="copies of each file (default 16)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per row; the best counts (default 3)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4],
                        help="pool sizes to try (default 1 2 4)")
    parser.add_argument("--data", type=Path, help="also save the measurements as JSON here")
    options = parser.parse_args()

    data = {"cpu": _machine.cpu_model(), "logical_cores": os.cpu_count(),
            "system": f"{platform.system()} {platform.release()}",
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "start_method": multiprocessing.get_start_method(), "runs": options.runs}
    print(f"machine: {data['cpu']}, {data['logical_cores']} logical cores, {data['system']}")
    print(f"python:  {data['python']}, start method {data['start_method']}")
    with tempfile.TemporaryDirectory() as folder:
        files = write_corpus(folder, options.repeat, options.copies)
        size = sum(f.stat().st_size for f in files)
        print(f"input:   {len(files)} files, {size / 1e6:.1f} MB; "
              f"best of {options.runs} runs\n")
        data.update(files=len(files), bytes=size, rows=[])

        base, expected = best_of(options.runs, functools.partial(serial, files))
        print(f"{'processes':<16}{'seconds':>8}{'speedup':>9}")
        print(f"{'serial (map)':<16}{base:8.2f}{1:9.2f}")
        data["rows"].append(["serial", 0, base])
        for n in options.processes:
            seconds, result = best_of(options.runs, functools.partial(pooled, files, n))
            assert result == expected, "the pool counted differently"
            print(f"{f'Pool({n})':<16}{seconds:8.2f}{base / seconds:9.2f}")
            data["rows"].append(["pool", n, seconds])
    if options.data:
        options.data.write_text(json.dumps(data, indent=1) + "\n")

if __name__ == "__main__":
    main()
