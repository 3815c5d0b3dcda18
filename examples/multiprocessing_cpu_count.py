#!/usr/bin/env python3
"""How many CPUs may this process use? Affinity, the cgroup quota, and Pool()'s default (Linux)."""

import multiprocessing
import os
from pathlib import Path


def usable_cpus():
    """CPUs this process may run on: os.process_cpu_count() from Python 3.13 on."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count()
    return len(os.sched_getaffinity(0))


def cgroup_cpu_quota():
    """The container's CPU quota in CPUs (cgroup v2), or None where there is none."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
    except (OSError, ValueError):
        return None
    return None if quota == "max" else int(quota) / int(period)


if __name__ == "__main__":
    print(f"os.cpu_count(): {os.cpu_count()}")
    print(f"CPUs this process may use: {usable_cpus()}")
    print(f"cgroup CPU quota: {cgroup_cpu_quota() or 'none'}")
    # As `taskset -c 0 python3 ...` would: allow this process one CPU only.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with multiprocessing.Pool() as pool:
        workers = len(multiprocessing.active_children())
    counted_by = "process_cpu_count()" if workers == usable_cpus() else "cpu_count()"
    print(f"pinned to one CPU, Pool() starts one worker per CPU of os.{counted_by}")
