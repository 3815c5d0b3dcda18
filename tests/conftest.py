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
    """The article built from scratch, as `paver html` builds it, once per test run.

    The build runs with no Graphviz ``dot`` on PATH and with intersphinx
    reading only the Python inventory shipped in ``inventories/``
    (ARTICLE_INTERSPHINX=offline): it must need neither a system package nor
    the network. Beside the HTML, ``build.json`` records the command, its
    output and the PATH it ran with.

    Under pytest-xdist the workers share one build: the first to take the
    lock builds, the others wait for it and read what it recorded.
    """
    import json
    import shutil

    from filelock import FileLock

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the same folder for every worker of this run
    root = base / "site"
    out, record = root / "html", root / "build.json"
    with FileLock(str(base / "site.lock")):
        if not record.exists():
            root.mkdir(parents=True, exist_ok=True)
            path = []
            for i, folder in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
                if folder and shutil.which("dot", path=folder):
                    # The same folder as links to everything in it but dot.
                    shadow = root / f"path-{i}"
                    shadow.mkdir()
                    for entry in os.scandir(folder):
                        if entry.name != "dot":
                            (shadow / entry.name).symlink_to(entry.path)
                    folder = str(shadow)
                path.append(folder)
            env = {**os.environ, "PATH": os.pathsep.join(path), "ARTICLE_INTERSPHINX": "offline"}
            command = [*examplerunner.SPHINX_BUILD, "-q", "-b", "html", str(out)]
            done = subprocess.run(command, cwd=examplerunner.ROOT, env=env,
                                  capture_output=True, text=True, timeout=600)
            record.write_text(json.dumps({
                "args": command, "returncode": done.returncode, "stdout": done.stdout,
                "stderr": done.stderr, "path": env["PATH"],
            }), encoding="utf-8")
    built = json.loads(record.read_text(encoding="utf-8"))
    return out, subprocess.CompletedProcess(built["args"], built["returncode"],
                                            built["stdout"], built["stderr"])
