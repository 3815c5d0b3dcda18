"""Shared test set-up: catch every process a test leaves behind.

Each test that asks for ``no_process_left`` puts a mark in the environment,
which every process it starts inherits; at the end, any living process that
carries the mark fails the test. On Linux the test process is also a "child
subreaper": a process whose parent dies is re-parented to it, so even one
that cleared its environment is still seen among its descendants.
"""

import ctypes
import functools
import http.server
import os
import subprocess
import sys
import threading
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
        # What the tests run for themselves (the article's build, a browser)
        # starts processes of its own at any time.
        for helper in HELPERS:
            try:
                for proc in [helper, *helper.children(recursive=True)]:
                    found.pop(proc.pid, None)
            except psutil.Error:
                pass
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


def site_folder(tmp_path_factory):
    """Where the article is built for this test run, shared by every xdist worker."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the same folder for every worker of this run
    return base


class SiteBuild:
    """The build of the article into ``base/site`` that ``site`` describes.

    ``start()`` takes the lock that the workers share and starts the build, or
    returns False where it is already built (or, with ``wait=False``, where
    another worker holds the lock: it is building it). ``finish()`` waits for
    the build, records it beside the HTML and lets the lock go.
    """

    def __init__(self, base, environ):
        self.root = base / "site"
        self.lock = base / "site.lock"
        self.environ = environ
        self.process = None

    def start(self, wait=True):
        import shutil

        from filelock import FileLock, Timeout

        # Not thread-local: finish() may run in another thread than start().
        self.lock = FileLock(str(self.lock), timeout=-1 if wait else 0, thread_local=False)
        try:
            self.lock.acquire()
        except Timeout:
            return False
        if (self.root / "build.json").exists():
            self.lock.release()
            return False
        self.root.mkdir(parents=True, exist_ok=True)
        path = []
        for i, folder in enumerate(self.environ.get("PATH", "").split(os.pathsep)):
            if folder and shutil.which("dot", path=folder):
                # The same folder as links to everything in it but dot.
                shadow = self.root / f"path-{i}"
                shadow.mkdir()
                for entry in os.scandir(folder):
                    if entry.name != "dot":
                        (shadow / entry.name).symlink_to(entry.path)
                folder = str(shadow)
            path.append(folder)
        self.env = {**self.environ, "PATH": os.pathsep.join(path),
                    "ARTICLE_INTERSPHINX": "offline"}
        # sphinx-codeautolink's own way also links every page, and must find
        # the same links (see _ext/autolink_fast.py).
        self.command = [*examplerunner.SPHINX_BUILD, "-q", "-D", "autolink_fast_check=1",
                        "-b", "html", str(self.root / "html")]
        # In this process's own session and group: the runner's tests take a
        # child in another session for an example's orphan, and Ctrl-C stops
        # the build with the tests.
        self.process = subprocess.Popen(self.command, cwd=examplerunner.ROOT, env=self.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        HELPERS.append(psutil.Process(self.process.pid))
        return True

    def finish(self):
        import json

        try:
            stdout, stderr = self.process.communicate(timeout=600)
            (self.root / "build.json").write_text(json.dumps({
                "args": self.command, "returncode": self.process.returncode,
                "stdout": stdout, "stderr": stderr, "path": self.env["PATH"],
            }), encoding="utf-8")
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            HELPERS[:] = [h for h in HELPERS if h.pid != self.process.pid]
            self.lock.release()


BACKGROUND = []
"""The thread that finishes the build this worker started, if it started it."""
HELPERS = []
"""Processes this worker runs for the tests themselves, not for one test: the
article's build, the browser. Neither they nor what they start are a test's
leftovers (see ``helper_processes``)."""


@pytest.fixture(scope="session")
def helper_processes():
    """The list of the worker's own helper processes, for a fixture that starts one."""
    return HELPERS


def uses_site(item):
    return "site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: none without it
def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker per processor, and one more.

    Many examples sleep, so with one worker per processor the processors
    stood idle for about a third of the run. On two processors, two workers
    took 115 s and three 91 s, with the same 161 CPU-seconds; four took 96 s
    and 186 CPU-seconds (a browser each, and more switching).
    """
    return examplerunner.paths.CORES + 1


def pytest_collection_modifyitems(items):
    """Order the tests so that the two kinds share the machine well.

    The tests that read the built article wait for its build (started in the
    background by the first test), and keep the processor busy: a browser
    draws every page. Most of the others wait for examples that sleep. So
    the first quarter of the others runs while the article is built, and the
    rest are dealt out between the readers of the article, a few of each in
    turn, in the order each kind had.
    """
    readers = [item for item in items if uses_site(item)]
    others = [item for item in items if not uses_site(item)]
    if not readers or not others:
        return
    first = len(others) // 4
    ordered, rest = others[:first], others[first:]
    turns = max(1, len(readers) // 5)
    for turn in range(turns):
        ordered += readers[turn * len(readers) // turns:(turn + 1) * len(readers) // turns]
        ordered += rest[turn * len(rest) // turns:(turn + 1) * len(rest) // turns]
    items[:] = ordered


@pytest.fixture(scope="session", autouse=True)
def site_built_in_background(request, tmp_path_factory):
    """Start building the article at once if any test of this run reads it.

    The build starts before any test's own set-up, so it is never taken for
    a process that a test left behind. Another worker may still need it when
    this one is done, so this one waits for it.
    """
    if any(uses_site(item) for item in request.session.items):
        build = SiteBuild(site_folder(tmp_path_factory), dict(os.environ))
        if build.start(wait=False):
            BACKGROUND.append(threading.Thread(target=build.finish))
            BACKGROUND[-1].start()
    yield
    for thread in BACKGROUND:
        thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The article built from scratch, as `paver html` builds it (but in one
    process: see ``examplerunner.paths.PARALLEL``), once per test run.

    The build runs with no Graphviz ``dot`` on PATH and with intersphinx
    reading only the Python inventory shipped in ``inventories/``
    (ARTICLE_INTERSPHINX=offline): it must need neither a system package nor
    the network. Beside the HTML, ``build.json`` records the command, its
    output and the PATH it ran with.

    Under pytest-xdist the workers share one build: the first to take the
    lock builds (in the background, from the first test on; see
    ``site_built_in_background``), the others wait for it and read what it
    recorded.
    """
    import json

    for thread in BACKGROUND:
        thread.join()
    build = SiteBuild(site_folder(tmp_path_factory), dict(os.environ))
    if build.start():
        build.finish()
    root = build.root
    built = json.loads((root / "build.json").read_text(encoding="utf-8"))
    return root / "html", subprocess.CompletedProcess(built["args"], built["returncode"],
                                                      built["stdout"], built["stderr"])


# The browser tests' server of the built article and their one Chromium,
# shared by every module that reads the article in a browser
# (tests/test_browser.py and the modules that import its helpers).


@pytest.fixture(scope="session")
def server(site):
    out, done = site
    assert done.returncode == 0, done.stderr
    handler = functools.partial(QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser(helper_processes):
    """One Chromium for the whole run: the browser tests come in turns among
    the others (see conftest.py), and each new browser costs a second."""
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM

    before = {child.pid for child in psutil.Process().children()}
    with sync_playwright() as p:
        # Playwright's driver, and under it the browser: helpers of the run.
        helper_processes.extend(child for child in psutil.Process().children()
                                if child.pid not in before)
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield chromium
        chromium.close()
