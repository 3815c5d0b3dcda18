"""What machine a benchmark ran on, recorded beside its figures (not a benchmark)."""

import os
import platform
from pathlib import Path


def usable_cores():
    """The cores this process may run on, which can be fewer than the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe():
    """The machine as a dictionary: processor, cores, memory, Python, system."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "memory_gb": round(memory / 1e9, 1),
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.release()}"}


def summary():
    """The machine in one line: processor, usable cores, Python and system."""
    return (f"{cpu_model()}, {usable_cores()} cores, "
            f"Python {platform.python_version()} on {platform.system()}")


def headline(info):
    """The machine from :func:`describe` as the first line of a benchmark's report."""
    return (f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, "
            f"Python {info['python']}, {info['platform']}")


def save_for_this_python(path, record):
    """Store ``record`` in the JSON file ``path`` under this Python's version ("3.14").

    The figures other versions stored there stay, so one file can hold a
    benchmark's results for several Pythons, oldest first. The record gets
    the machine and its load average now.
    """
    import json

    version = ".".join(platform.python_version().split(".")[:2])
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[version] = {"machine": summary(), "info": describe(), **record}
    data[version]["load"] = [*record.get("load", ()), round(os.getloadavg()[0], 2)]
    data = dict(sorted(data.items(), key=lambda item: tuple(map(int, item[0].split(".")))))
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
