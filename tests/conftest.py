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
