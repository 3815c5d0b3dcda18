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


def cgroup_cpu_quota(cpu_max=None):
    """The CPU quota in CPUs from cgroup v2's cpu.max, or None where there is none."""
    if cpu_max is None:
        try:
            cpu_max = Path("/sys/fs/cgroup/cpu.max").read_text()
        except OSError:
            return None
    quota, period = cpu_max.split()  # "max 100000", or "150000 100000" for 1.5 CPUs
    return None if quota == "max" else int(quota) / int(period)


def pool_size(cpus, quota):
    """One worker per usable CPU, but no more than the quota lets run at once."""
    return cpus if quota is None else max(1, min(cpus, int(quota)))


if __name__ == "__main__":
    print(f"os.cpu_count(): {os.cpu_count()}")
    print(f"CPUs this process may use: {usable_cpus()}")
    print(f"cgroup CPU quota: {cgroup_cpu_quota() or 'none'}")
    for cpu_max in ("max 100000", "400000 100000", "150000 100000", "50000 100000"):
        print(f"8 CPUs, cpu.max {cpu_max!r}: Pool({pool_size(8, cgroup_cpu_quota(cpu_max))})")
    # As `taskset -c 0 python3 ...` would: allow this process one CPU only.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with multiprocessing.Pool() as pool:
        workers = len(multiprocessing.active_children())
    counted_by = "process_cpu_count()" if workers == usable_cpus() else "cpu_count()"
    print(f"pinned to one CPU, Pool() starts one worker per CPU of os.{counted_by}")
