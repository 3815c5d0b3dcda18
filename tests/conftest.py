"""Shared test set-up: catch every process an example leaves behind.

On Linux the test process makes itself a "child subreaper": a process whose
parent dies is then re-parented to the test process instead of to init, so
psutil can still see it and a test can prove that nothing survived.
"""

import ctypes
import os
import subprocess
import sys

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


@pytest.fixture
def no_process_left():
    """Fail the test if any process started during it is still running."""
    if not SUBREAPER:
        pytest.skip("needs a Linux child subreaper to see orphaned processes")
    before = {p.pid for p in living_descendants()}
    yield
    survivors = [p for p in living_descendants() if p.pid not in before]
    for proc in survivors:
        proc.kill()
    assert not survivors, f"processes survived: {[p.cmdline() for p in survivors]}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The article built from scratch, as `paver html` builds it."""
    out = tmp_path_factory.mktemp("site") / "html"
    done = subprocess.run(
        [*examplerunner.SPHINX_BUILD, "-q", "-b", "html", str(out)],
        cwd=examplerunner.ROOT, capture_output=True, text=True, timeout=600,
    )
    return out, done
