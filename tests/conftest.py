"""Shared test set-up: catch every process a test leaves behind.

Each test that asks for ``no_process_left`` puts a mark in the environment,
which every process it starts inherits; at the end, any living process that
carries the mark fails the test. On Linux the test process is also a "child
subreaper": a process whose parent dies is re-parented to it, so even one
that cleared its environment is still seen among its descendants.
"""

import ctypes
import os
import subprocess
import sys
import time
import uuid

import psutil
import pytest

import examplerunner

PR_SET_CHILD_SUBREAPER = 36
SUBREAPER = False
if sys.platform == "linux":
    libc = ctypes.CDLL(None, use_errno=True)
    SUBREAPER = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
TEST_MARK = "EXAMPLERUNNER_TEST"


def living_descendants():
    """Descendants of this process that still run, after reaping zombies."""
    alive = []
    for proc in psutil.Process().children(recursive=True):
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                os.waitpid(proc.pid, os.WNOHANG)
            else:
                alive.append(proc)
        except (psutil.NoSuchProcess, ChildProcessError):
            pass
    return alive


def marked(mark):
    """Living processes, other than this one, whose environment carries ``mark``."""
    found = []
    for proc in psutil.process_iter(["status"]):
        try:
            if (proc.pid != os.getpid() and proc.info["status"] != psutil.STATUS_ZOMBIE
                    and proc.environ().get(TEST_MARK) == mark):
                found.append(proc)
        except psutil.Error:
            continue
    return found


def describe(proc):
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return f"pid {proc.pid}"


@pytest.fixture
def no_process_left(monkeypatch):
    """Fail the test if any process started during it is still running.

    Helper processes (a resource tracker, a fork server) exit on their own
    a moment after their parent: they get the same grace as in the runner.
    """
    mark = uuid.uuid4().hex
    monkeypatch.setenv(TEST_MARK, mark)
    before = {p.pid for p in living_descendants()} if SUBREAPER else set()

    def survivors():
        found = {p.pid: p for p in marked(mark)}
        if SUBREAPER:
            found.update((p.pid, p) for p in living_descendants() if p.pid not in before)
        return list(found.values())

    yield
    deadline = time.monotonic() + examplerunner.LINGER
    while (left := survivors()) and time.monotonic() < deadline:
        time.sleep(0.05)
    names = [describe(p) for p in left]
    for proc in left:
        try:
            proc.kill()
        except psutil.Error:
            pass
    assert not left, f"processes survived: {names}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The article built from scratch, as `paver html` builds it."""
    out = tmp_path_factory.mktemp("site") / "html"
    done = subprocess.run(
        [*examplerunner.SPHINX_BUILD, "-q", "-b", "html", str(out)],
        cwd=examplerunner.ROOT, capture_output=True, text=True, timeout=600,
    )
    return out, done
