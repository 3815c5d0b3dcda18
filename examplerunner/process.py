"""Run one example as a terminal would, and make sure nothing it started survives.

Every process an example starts carries a mark in its environment, so the
runner finds them all at the end, even those that left the example's
process group or session (``os.setsid()``, a double fork), and even where
the platform has no child subreaper.
"""

from __future__ import annotations

import dataclasses
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import psutil

from . import paths
from .options import Options
from .output import clean

LINGER = 5.0
"""Seconds helper processes (resource tracker, fork server) get to exit after
the script itself has ended, before they count as left behind."""

MARK = "EXAMPLERUNNER_RUN"
"""The environment variable that marks every process of one run."""

_DROPPED = ("PYTHONUNBUFFERED", "PYTHONSTARTUP", "PYTHONINSPECT", "FORCE_COLOR",
            "QUEUE_AUTHKEY")  # the remote-manager examples read a key from it


class ExampleError(Exception):
    """An example exited with the wrong status, timed out or left processes."""

    def __init__(self, script, problem, output="", seconds=0.0):
        tail = "\n".join(output.splitlines()[-15:])
        text = f"{script}: {problem}"
        super().__init__(f"{text}\n--- last lines it printed ---\n{tail}" if tail else text)
        self.script, self.problem, self.output, self.seconds = script, problem, output, seconds


@dataclasses.dataclass(frozen=True)
class Result:
    script: str
    returncode: int
    output: str
    """Cleaned: as the terminal showed it, without machine paths."""
    seconds: float
    opened: frozenset = frozenset()
    """Files under ``examples/`` or the script's folder it opened: ``("r" | "w", path)``."""


def child_environment(start_method=None, extra=()):
    """The environment an example runs in: the caller's, cleaned, plus ``extra``.

    ``PYTHONUNBUFFERED`` is dropped so that each process writes whole lines,
    as it does in a terminal; colour is switched off so the text is plain.
    Variables that examples read are dropped too: an example gets them only
    through its ``env`` option, so its output never depends on the caller's shell.
    """
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(NO_COLOR="1", PYTHON_COLORS="0", TERM="dumb", COLUMNS="80", LC_ALL="C.UTF-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.HOOK), env.get("PYTHONPATH")]))
    if start_method:
        env["EXAMPLE_START_METHOD"] = start_method  # read by hook/sitecustomize.py
    env.update(dict(extra))
    return env


def processes_of(mark, leader=None):
    """Living processes that carry ``mark`` or belong to ``leader``'s group or session."""
    found = []
    for proc in psutil.process_iter(["status"]):
        try:
            if proc.pid == os.getpid() or proc.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if leader and leader in (os.getpgid(proc.pid), os.getsid(proc.pid)):
                found.append(proc)
            elif proc.environ().get(MARK) == mark:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def kill_all(mark, leader=None):
    """Kill every process of a run, again until none is left."""
    for _ in range(20):
        found = processes_of(mark, leader)
        if not found:
            return
        for proc in found:
            try:
                proc.kill()
            except psutil.Error:
                pass
        # Wait without reaping: psutil.wait_procs() would reap the script
        # itself, and Popen would then report it as having exited with 0.
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline and any(map(_alive, found)):
            time.sleep(0.01)


def _alive(proc):
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


# Runs in progress, so an interrupted regeneration can stop every one of them.
_running: dict[str, int] = {}
_running_lock = threading.RLock()
_stopping = threading.Event()


def kill_running():
    """Kill every example still running, and everything each one started."""
    with _running_lock:
        runs = list(_running.items())
    for mark, leader in runs:
        kill_all(mark, leader)


def stop_everything(stop=True):
    """Kill every run in progress and refuse new ones (``stop=False`` allows them again).

    Safe to call from a signal handler: it raises nothing into the code it
    interrupts, so no lock is left held; each run then ends as killed.
    """
    if stop:
        _stopping.set()
        kill_running()
    else:
        _stopping.clear()


def _read(fd, chunks, wait):
    """Read what the terminal or pipe has within ``wait`` seconds; False at its end."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: every process holding the terminal has closed it
        return False
    chunks.append(data)
    return bool(data)


def _opened(log):
    """The files under examples/ the run opened, from the hook's log."""
    with open(log, encoding="utf-8", errors="replace") as f:
        return frozenset(tuple(line.rstrip("\n").split(" ", 1)) for line in f if " " in line)


def run(script, options=None, *, start_method=None, python=None, dev_mode=False, pipe=False,
        linger=LINGER, interrupt_after=None, **option_values) -> Result:
    """Run ``examples/<script>`` as a terminal would and return what it printed.

    ``options`` (an :class:`Options`, or keywords of the same names) say how;
    ``start_method`` makes that method the default, ``python`` runs another
    interpreter, ``dev_mode`` runs it and every process it starts in
    development mode, ``pipe`` gives it a pipe instead of a terminal, and
    ``interrupt_after`` sends SIGINT to its process group after that many
    seconds, as Ctrl-C does. Raises :class:`ExampleError` when it exits with
    another status than expected, outlives its timeout, or leaves a process
    running more than ``linger`` seconds after it ended.
    """
    options = Options.make(options, **option_values)
    if _stopping.is_set():
        raise ExampleError(script, "not started: the runner is stopping")
    mark = uuid.uuid4().hex
    extra = dict(options.env, **{MARK: mark, "EXAMPLERUNNER_LOG": "", "EXAMPLERUNNER_SIGINT": "1"})
    if dev_mode:  # through the environment, so every process it starts has it too
        extra.setdefault("PYTHONDEVMODE", "1")
    fd, log = tempfile.mkstemp(prefix="examplerunner-", suffix=".log")
    os.close(fd)
    folder = paths.EXAMPLES / options.cwd
    extra.update(EXAMPLERUNNER_LOG=log,
                 EXAMPLERUNNER_WATCH=os.pathsep.join(map(str, {paths.EXAMPLES, folder})))
    if pipe:
        reader, writer = os.pipe()
    else:
        reader, writer = pty.openpty()
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            [python or sys.executable, script, *options.args],
            cwd=folder, env=child_environment(start_method, extra),
            stdin=subprocess.DEVNULL, stdout=writer, stderr=writer, start_new_session=True)
    except BaseException:
        os.close(reader)
        os.unlink(log)
        raise
    finally:
        os.close(writer)
    with _running_lock:
        _running[mark] = proc.pid
    if _stopping.is_set():  # a stop came while it was starting
        kill_all(mark, proc.pid)
    chunks, problem, ended_at = [], None, None
    deadline = started + options.timeout
    try:
        while _read(reader, chunks, 0.05):
            now = time.monotonic()
            if interrupt_after is not None and now >= started + interrupt_after:
                interrupt_after = None
                try:
                    os.killpg(proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            if ended_at is None and proc.poll() is not None:
                ended_at = now
            if now > deadline:
                problem = f"timed out after {options.timeout:g} s; it was killed"
                break
            if ended_at is not None and now > ended_at + linger:
                break  # something still holds the terminal open
        if problem is None:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                problem = f"timed out after {options.timeout:g} s; it was killed"
        if problem is None:
            # Give helpers that are still exiting a moment before judging them.
            limit = max(time.monotonic(), (ended_at or time.monotonic()) + linger)
            while processes_of(mark, proc.pid) and time.monotonic() < limit:
                time.sleep(0.02)
            if processes_of(mark, proc.pid):
                problem = "left processes running after it ended; they were killed"
    finally:
        kill_all(mark, proc.pid)
        proc.wait()
        os.close(reader)
        with _running_lock:
            _running.pop(mark, None)
        opened = _opened(log)
        os.unlink(log)
    seconds = time.monotonic() - started
    output = clean(b"".join(chunks).decode("utf-8", "replace"), python)
    if problem is None and proc.returncode != options.returncode:
        problem = f"exited with status {proc.returncode}, expected {options.returncode}"
    if problem:
        raise ExampleError(script, problem, output, seconds)
    return Result(script, proc.returncode, output, seconds, opened)
