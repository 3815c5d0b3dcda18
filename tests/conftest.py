"""Shared test set-up: catch every process an example leaves behind.

On Linux the test process makes itself a "child subreaper": a process whose
parent dies is then re-parented to the test process instead of to init, so
psutil can still see it and a test can prove that nothing survived.
"""

import ctypes
import os
import subprocess
import sys
import time

import psutil
import pytest

import examplerunner

PR_SET_CHILD_SUBREAPER = 36
SUBREAPER = False
if sys.platform == "linux":
    libc = ctypes.CDLL(None, use_errno=True)
    SUBREAPER = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


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


def describe(proc):
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return f"pid {proc.pid}"


@pytest.fixture
def no_process_left():
    """Fail the test if any process started during it is still running.

    Helper processes (a resource tracker, a fork server) exit on their own
    a moment after their parent: they get the same grace as in the runner.
    """
    if not SUBREAPER:
        pytest.skip("needs a Linux child subreaper to see orphaned processes")
    before = {p.pid for p in living_descendants()}
    yield
    deadline = time.monotonic() + examplerunner.LINGER
    while True:
        survivors = [p for p in living_descendants() if p.pid not in before]
        if not survivors or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    names = [describe(p) for p in survivors]
    for proc in survivors:
        proc.kill()
    assert not survivors, f"processes survived: {names}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The article built from scratch, as `paver html` builds it."""
    out = tmp_path_factory.mktemp("site") / "html"
    done = subprocess.run(
        [*examplerunner.SPHINX_BUILD, "-q", "-b", "html", str(out)],
        cwd=examplerunner.ROOT, capture_output=True, text=True, timeout=600,
    )
    return out, done
