#!/usr/bin/env python3
"""Time the article's tools against their goals: the build, regeneration, the runner, the tests.

    python benchmarks/tooling.py                    # every figure (the test suite too)
    python benchmarks/tooling.py --only html,cog    # some of them

Figures: ``paver html`` from clean and after touching one page; ``paver cog
--force`` against its floor, measured apart from it: every block's script run
alone, one after another, under a terminal, with the Python its caption
names; floor = max(slowest script alone, their CPU-seconds / cores);
the runner's own cost per example; ``paver test``. Each is timed in wall
seconds and in CPU-seconds (user + system, of every process it started),
with the load average before and after it: on a busy machine the wall time
says little, the CPU-seconds still do. Works on copies of the pages, so the
article is never rewritten. Writes its figures to ``benchmarks/tooling.json``
(or ``--data FILE``), where those it did not measure this time stay.
"""

import argparse
import fcntl
import json
import os
import re
import resource
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
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

def _reap_orphans(deadline):
    """Wait for every orphan of a lone run to end (a fork server, a resource
    tracker, a pool's workers: they outlive the script, are re-parented to this
    process, a child subreaper, and their CPU-seconds count only once they are
    waited for); past ``deadline``, kill them."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        if time.perf_counter() > deadline:
            for orphan in examplerunner.subreaper.descendants(os.getpid()):
                try:
                    os.kill(orphan, signal.SIGKILL)
                except OSError:
                    pass
        time.sleep(0.005)


def _lone(python, script, options, folder, env):
    """Run one script alone, as a reader would in a terminal: ``python SCRIPT ARGS``
    in its folder, leading a session whose controlling terminal is a new
    pseudo-terminal (stdin from /dev/null, as the runner gives it). Its wall
    seconds, until the last of its processes has ended, and the CPU-seconds of
    its whole process tree (RUSAGE_CHILDREN; this process is a child subreaper,
    so the processes a fork server started and every orphan count too, as in
    the regeneration); nothing of the runner is involved."""
    command = [python, script, *options.args]
    before = children_cpu()
    started = time.perf_counter()
    pid, master = os.forkpty()
    if pid == 0:  # the child: the terminal is its own already (forkpty)
        try:
            # As a shell starts a program: Ctrl-C's default (a background job
            # inherits it ignored) and SIGPIPE's (Python ignores it).
            for signum in (signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ):
                signal.signal(signum, signal.SIG_DFL)
            os.chdir(folder)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.execve(python, command, env)
        finally:
            os._exit(127)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    deadline = started + options.timeout + 30
    try:
        while time.perf_counter() < deadline:
            if select.select([master], [], [], 1.0)[0]:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:  # EIO: every holder of the terminal closed it
                    break
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(master)
        _reap_orphans(deadline)
    wall = time.perf_counter() - started
    return {"wall": wall, "cpu": children_cpu() - before,
            "returncode": os.waitstatus_to_exitcode(status)}


def lone_runs(blocks):
    """Every block's script run alone, one after another (see :func:`_lone`),
    with the options its block gives (args, env, cwd) and the Python its
    caption names: what the regeneration has to do at the least. A
    timeline block writes its record to a temporary file, as it does in
    the regeneration."""
    runs = {}
    examplerunner.subreaper.become_subreaper()
    for key, b in blocks.items():
        python = examplerunner.pythons.for_options(b.options).python
        folder = examplerunner.process.locate(b.script, b.options)
        extra = dict(b.options.env)
        with tempfile.TemporaryDirectory(prefix="lone-") as tmp:
            if b.options.timeline:
                extra[examplerunner.recording.VARIABLE] = os.path.join(tmp, "record.json")
            env = examplerunner.child_environment(extra=extra)
            # Python alone: the runner's hook (first on PYTHONPATH) is the runner's.
            env["PYTHONPATH"] = extra.get("PYTHONPATH", "")
            if not env["PYTHONPATH"]:
                del env["PYTHONPATH"]
            runs[key] = {"script": b.script, **_lone(python, b.script, b.options, folder, env)}
    return runs


def _copies(tmp):
    """Copies of the pages, where the pages are, beside links to the project's
    folders (the data a cog block reads, ../benchmarks/NAME.json, is found)."""
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
    lock = examplerunner.SOURCE / "inputs.lock"
    if lock.exists():
        shutil.copy(lock, root / "source" / lock.name)
    return pages


def cog_figure(tmp):
    """``paver cog --force`` on copies of the pages, against its floor: the same
    blocks' scripts run alone, one after another (:func:`lone_runs`), measured
    apart from the regeneration it judges. Floor = max(slowest script alone,
    their CPU-seconds / cores). Where the rest goes: the runner's own CPU,
    what running side by side adds to the examples' CPU, and waiting (wall
    time the cores were not busy with this work)."""
    pages = _copies(tmp)
    blocks = {(b.script, b.options.key()): b
              for page in pages for b in examplerunner.find_blocks(page)}
    alone_load, alone_loop = os.getloadavg()[0], reference_loop()
    alone = lone_runs(blocks)
    alone_load = [round(alone_load, 2), round(os.getloadavg()[0], 2)]
    alone_loop = [round(alone_loop, 3), round(reference_loop(), 3)]
    failed = {k[0]: r["returncode"] for k, r in alone.items()
              if r["returncode"] != blocks[k].options.returncode}
    # The copies are the article for this run: the lock it writes, and the
    # pages no example may change, are theirs (a helper editing a real page
    # meanwhile is no example's write, and the real lock stays as it is).
    run, out = timed([sys.executable, "-c", REGENERATE, *pages],
                     env={**os.environ, "EXAMPLERUNNER_SOURCE": str(tmp / "cog" / "source")})
    times = {name: float(s) for name, s in RUN_REPORT.findall(out)}
    ran = len(RUN_REPORT.findall(out))
    runner_cpu = float(re.search(r"RUNNER-CPU ([\d.]+)", out)[1])
    cores = _machine.usable_cores()
    slowest = max(alone.values(), key=lambda r: r["wall"])
    alone_cpu = sum(r["cpu"] for r in alone.values())
    floor = max(slowest["wall"], alone_cpu / cores)
    examples_cpu = run["cpu"] - runner_cpu
    return {"cog": {
        "figure": "paver cog --force", **run, "examples": ran,
        "blocks": len(blocks),
        "runner_cpu": runner_cpu, "runner_cpu_per_example": runner_cpu / max(1, ran),
        "examples_cpu": examples_cpu, "side_by_side_cpu": examples_cpu - alone_cpu,
        "waiting": run["wall"] - run["cpu"] / cores,
        "alone": {"wall": sum(r["wall"] for r in alone.values()), "cpu": alone_cpu,
                  "load": alone_load, "reference_loop": alone_loop,
                  "slowest": slowest["script"], "slowest_wall": slowest["wall"],
                  "failed": failed},
        "cpu_per_core": alone_cpu / cores, "floor": floor, "ratio": run["wall"] / floor,
        "goal": 1.3 * floor + 0.5,
        "seconds_in_run": times,
        "seconds_alone": {r["script"]: round(r["wall"], 3) for r in alone.values()}}}


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
        cog, alone = rows["cog"], rows["cog"]["alone"]
        print(f"  cog floor, from the {cog['blocks']} blocks' scripts run alone, one after "
              f"another, each under a terminal:\n"
              f"    {alone['wall']:.1f} s wall, {alone['cpu']:.1f} CPU-s; slowest "
              f"{alone['slowest']} {alone['slowest_wall']:.2f} s; CPU-s / {cores} cores "
              f"{cog['cpu_per_core']:.2f} s; floor = max of these = {cog['floor']:.2f} s "
              f"(load {'/'.join(map(str, alone['load']))}, reference loop "
              f"{'/'.join(f'{x:.2f}' for x in alone['reference_loop'])})")
        if alone["failed"]:
            print(f"    exited otherwise than their blocks expect: {alone['failed']}")
        print(f"  cog: {cog['examples']} examples, wall / floor {cog['ratio']:.2f} "
              f"(goal 1.3 x floor + 0.5 s); where the rest goes:\n"
              f"    the runner's own CPU {cog['runner_cpu']:.1f} CPU-s "
              f"({1000 * cog['runner_cpu_per_example']:.0f} ms an example); the examples "
              f"{cog['examples_cpu']:.1f} CPU-s side by side against {alone['cpu']:.1f} alone "
              f"(+{cog['side_by_side_cpu']:.1f}, session leaders included);\n"
              f"    waiting (wall - CPU-s / cores) {cog['waiting']:.1f} s")
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
            rows.update(cog_figure(tmp))
        if "runner" in wanted:
            rows.update(runner_figure(tmp, count=10))
    if "tests" in wanted:
        rows.update(tests_figure())
    report(rows, _machine.usable_cores())
    measured = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    kept = {}  # the figures not measured this time stay, each with its date
    if args.data.exists():
        try:
            kept = json.loads(args.data.read_text(encoding="utf-8")).get("rows", {})
        except ValueError:
            pass
    kept.update({name: {**row, "measured": measured} for name, row in rows.items()})
    args.data.write_text(json.dumps({"machine": info, "cores": _machine.usable_cores(),
                                     "rows": kept}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
