#!/usr/bin/env python3
"""Time the article's tools against their goals: the build, regeneration, the runner, the tests.

    python benchmarks/tooling.py                    # every figure (the test suite too)
    python benchmarks/tooling.py --only html,cog    # some of them

Figures: ``paver html`` from clean and after touching one page; ``paver cog
--force`` against its floor, max(slowest example alone, CPU-seconds / cores);
the runner's own cost per example; ``paver test``. Each is timed in wall
seconds and in CPU-seconds (user + system, of every process it started),
with the load average before and after it: on a busy machine the wall time
says little, the CPU-seconds still do. Works on copies of the pages, so the
article is never rewritten. Writes everything to ``benchmarks/tooling.json``
(or ``--data FILE``).
"""

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _machine

import examplerunner

HERE = Path(__file__).resolve().parent
FIGURES = ("html", "touch", "cog", "runner", "tests")
TOUCHED = examplerunner.SOURCE / "index.rst"
RUN_REPORT = re.compile(r"^\s*ok\s+(\S+) \(([\d.]+) s\)", re.MULTILINE)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine_busy():
    """CPU-seconds that every processor together has been busy since boot, or None.

    Linux only (/proc/stat): user, nice, system and interrupt time, not idle,
    not waiting for the disk, and not time the hypervisor gave another machine.
    """
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()[1:8]
        user, nice, system, _idle, _iowait, irq, softirq = map(int, fields)
    except (OSError, ValueError):
        return None
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def reference_loop():
    """CPU-seconds this process takes for a fixed loop: how fast the machine is now.

    On a shared machine the same work takes more CPU-seconds in some hours
    than in others; this figure, taken beside each timed command, says which
    kind of hour a figure comes from.
    """
    started = time.process_time()
    sum(i * i for i in range(3_000_000))
    return time.process_time() - started


def timed(command, cwd=examplerunner.ROOT, **kwargs):
    """Run ``command``: its figures and its stdout.

    The figures: wall seconds; CPU-seconds of it and of the children it
    waited for ("cpu"), which misses a process no one waited for (a test's
    browser); and the CPU-seconds the whole machine was busy meanwhile
    ("machine_cpu"), which counts everything, other programs too.
    """
    reference = reference_loop()
    cpu, busy, load = children_cpu(), machine_busy(), os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, text=True, stdout=subprocess.PIPE, **kwargs)
    wall = time.perf_counter() - started
    after = machine_busy()
    if done.returncode:  # what it printed says why; a failed run is no figure
        sys.stdout.write(done.stdout)
        raise subprocess.CalledProcessError(done.returncode, command)
    return {"wall": wall, "cpu": children_cpu() - cpu,
            "machine_cpu": None if busy is None or after is None else after - busy,
            "load": [round(load, 2), round(os.getloadavg()[0], 2)],
            "reference_loop": [round(reference, 3), round(reference_loop(), 3)]}, done.stdout


def best(runs):
    """The fastest of several runs (the one least slowed by other work), with all of them."""
    fastest = min(runs, key=lambda r: r["wall"])
    return {**fastest, "runs": runs, "median_wall": statistics.median(r["wall"] for r in runs)}


def html_figures(tmp, repeat, wanted):
    build = [*examplerunner.SPHINX_BUILD, *examplerunner.paths.PARALLEL, "-q", "-b", "html"]
    clean, serial, touched = [], [], []
    for i in range(repeat):
        if "html" in wanted:  # the same in one process: is parallel faster on this machine?
            serial.append(timed([*build, "-j", "1", str(tmp / f"serial-{i}")])[0])
            shutil.rmtree(tmp / f"serial-{i}")
        out = tmp / f"html-{i}"
        clean.append(timed([*build, str(out)])[0])
        if "touch" in wanted:
            # Settle first: a page or example edited since the clean build
            # would be rebuilt by the timed one, and counted as the touch's.
            subprocess.run([*build, str(out)], cwd=examplerunner.ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            before = {p: p.stat().st_mtime_ns for p in out.glob("*.html")}
            os.utime(TOUCHED)  # touch: the content stays, Sphinx sees a newer file
            run = timed([*build, str(out)])[0]
            run["pages_written"] = sorted(p.name for p, t in before.items()
                                          if p.stat().st_mtime_ns != t)
            touched.append(run)
        shutil.rmtree(out)
    rows = {}
    if "html" in wanted:
        rows["html"] = {"figure": "paver html, clean", **best(clean), "goal": 5.0}
        rows["html_serial"] = {"figure": "  the same in one process (-j 1)", **best(serial)}
    if "touch" in wanted:
        rows["touch"] = {"figure": f"paver html after touching {TOUCHED.name}",
                         **best(touched), "goal": 2.0}
    return rows


REGENERATE = """
import json, resource, sys
from examplerunner import __main__ as runner
status = runner.main(["cog", "--force", *sys.argv[1:]])
usage = resource.getrusage(resource.RUSAGE_SELF)
print("RUNNER-CPU", usage.ru_utime + usage.ru_stime)
sys.exit(status)
"""

ALONE = """
import json, sys
import examplerunner
blocks = {b.script: b for page in examplerunner.pages() for b in examplerunner.find_blocks(page)}
print(json.dumps({s: examplerunner.run(s, blocks[s].options).seconds for s in sys.argv[1:]}))
"""


def cog_figure(tmp, alone_count):
    # The copies sit where the pages do, beside links to the project's
    # folders, so that the data a cog block reads (../benchmarks/NAME.json)
    # is found.
    root = tmp / "cog"
    root.mkdir()
    for folder in examplerunner.ROOT.iterdir():
        if folder.is_dir() and folder.name not in ("source", "build", ".git"):
            (root / folder.name).symlink_to(folder)
    pages = []
    for page in examplerunner.pages():
        copy = root / "source" / page.relative_to(examplerunner.SOURCE)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, copy)
        pages.append(str(copy))
    run, out = timed([sys.executable, "-c", REGENERATE, *pages])
    times = {name: float(s) for name, s in RUN_REPORT.findall(out)}
    runner_cpu = float(re.search(r"RUNNER-CPU ([\d.]+)", out)[1])
    # The slowest examples again, each alone, as the floor counts them.
    slowest = sorted(times, key=times.get, reverse=True)[:alone_count]
    alone = json.loads(subprocess.run([sys.executable, "-c", ALONE, *slowest], text=True,
                                      cwd=examplerunner.ROOT, check=True,
                                      stdout=subprocess.PIPE).stdout)
    cores = _machine.usable_cores()
    slowest_name = max(alone, key=alone.get)
    floor = max(alone[slowest_name], run["cpu"] / cores)
    return {"cog": {
        "figure": "paver cog --force", **run, "examples": len(times),
        "runner_cpu": runner_cpu, "examples_cpu": run["cpu"] - runner_cpu,
        "slowest": slowest_name, "slowest_alone": alone[slowest_name],
        "cpu_per_core": run["cpu"] / cores, "floor": floor, "goal": 1.2 * floor + 0.5,
        "seconds_in_run": times}}


HELLO = '#!/usr/bin/env python3\n"""Says hello."""\n\nif __name__ == "__main__":\n    print(1)\n'

THROUGH_RUNNER = """
import resource, sys, time
import examplerunner
n = int(sys.argv[1])
started = time.perf_counter()
for _ in range(n):
    examplerunner.run("hello.py")
wall = (time.perf_counter() - started) / n
me = resource.getrusage(resource.RUSAGE_SELF)
print(wall, (me.ru_utime + me.ru_stime) / n)
"""


def runner_figure(tmp, count):
    """What the runner adds to each example, against Python running the same script."""
    folder = tmp / "runner" / "examples"
    folder.mkdir(parents=True)
    (folder / "hello.py").write_text(HELLO, encoding="utf-8")
    env = examplerunner.process.child_environment()
    bare = dict(env, PYTHONPATH="")
    rows = {}
    for name, command, environment in (
            ("python alone", [sys.executable, "hello.py"], bare),
            ("python with the runner's hook", [sys.executable, "hello.py"], env)):
        runs = [timed(command, cwd=folder, env=environment)[0] for _ in range(count)]
        rows[name] = {"wall": statistics.median(r["wall"] for r in runs),
                      "cpu": sum(r["cpu"] for r in runs) / count}
    run, out = timed([sys.executable, "-c", THROUGH_RUNNER, str(count)],
                     env={**os.environ, "EXAMPLERUNNER_EXAMPLES": str(folder)})
    wall, own = (float(x) for x in out.split())
    rows["through examplerunner.run"] = {"wall": wall, "cpu": run["cpu"] / count,
                                         "runner_own_cpu": own}
    runner, bare = rows["through examplerunner.run"], rows["python alone"]
    return {"runner": {"figure": "runner overhead per example",
                       "wall": runner["wall"] - bare["wall"], "cpu": runner["cpu"] - bare["cpu"],
                       "load": run["load"], "parts": rows, "examples": count}}


def tests_figure():
    run, out = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    counts = re.findall(r"(\d+) (passed|failed|skipped|errors?)", out)
    return {"tests": {"figure": "paver test", **run, "goal": 90.0,
                      "outcome": {kind: int(n) for n, kind in counts}}}


def report(rows, cores):
    print(f"{'figure':<40} {'wall':>7} {'CPU-s':>7} {'machine':>8} {'floor':>7} {'goal':>7}"
          "  load, reference loop (before/after)")
    for row in rows.values():
        floor = f"{row['floor']:6.1f}s" if "floor" in row else ""
        goal = f"{row['goal']:6.1f}s" if "goal" in row else ""
        machine = f"{row['machine_cpu']:7.2f}s" if row.get("machine_cpu") is not None else ""
        verdict = "" if "goal" not in row else ("ok" if row["wall"] <= row["goal"] else "MISSED")
        load = "/".join(str(x) for x in row["load"])
        loop = "/".join(f"{x:.2f}" for x in row.get("reference_loop", ()))
        print(f"{row['figure']:<40} {row['wall']:6.2f}s {row['cpu']:6.2f}s {machine:>8} "
              f"{floor:>7} {goal:>7}  {load:<11} {loop:<10} {verdict}")
    print("  CPU-s: of the command and the children it waited for; machine: CPU-s the "
          "whole machine was busy meanwhile;\n  reference loop: CPU-s of a fixed loop "
          "(more on a slower hour of a shared machine)")
    if "touch" in rows:
        print(f"  pages written after the touch: {', '.join(rows['touch']['pages_written'])}")
    if "cog" in rows:
        cog = rows["cog"]
        print(f"  cog: {cog['examples']} examples; CPU-s: {cog['examples_cpu']:.1f} in the "
              f"examples, {cog['runner_cpu']:.1f} in the runner; slowest alone: "
              f"{cog['slowest']} {cog['slowest_alone']:.2f} s; CPU-s / {cores} cores: "
              f"{cog['cpu_per_core']:.2f} s; wall / floor: {cog['wall'] / cog['floor']:.2f}")
    if "runner" in rows:
        for name, part in rows["runner"]["parts"].items():
            own = f", of which the runner itself {part['runner_own_cpu']:.3f}" \
                if "runner_own_cpu" in part else ""
            print(f"  {name:<32} {part['wall']:.3f} s wall, {part['cpu']:.3f} CPU-s{own}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(FIGURES),
                        help=f"comma-separated, of: {', '.join(FIGURES)}")
    parser.add_argument("--repeat", type=int, default=3, help="builds timed (the best counts)")
    parser.add_argument("--data", type=Path, default=HERE / "tooling.json")
    args = parser.parse_args()
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(wanted) - set(FIGURES)
    if unknown or not wanted:
        parser.error(f"--only takes {', '.join(FIGURES)}; not {', '.join(sorted(unknown))}")
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    info = _machine.describe()
    print(_machine.headline(info), flush=True)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if {"html", "touch"} & set(wanted):
            rows.update(html_figures(tmp, args.repeat, wanted))
        if "cog" in wanted:
            rows.update(cog_figure(tmp, alone_count=3))
        if "runner" in wanted:
            rows.update(runner_figure(tmp, count=10))
    if "tests" in wanted:
        rows.update(tests_figure())
    report(rows, _machine.usable_cores())
    args.data.write_text(json.dumps({"machine": info, "cores": _machine.usable_cores(),
                                     "rows": rows}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
