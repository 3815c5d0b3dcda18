"""Run one example as a terminal would, and make sure nothing it started survives
(:mod:`.reaper` finds and kills what is left)."""

from __future__ import annotations

import dataclasses
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time
import uuid

from . import paths, reaper
from .options import Options
from .output import clean

STARTUP = 30.0
"""Seconds an example's Python may take to start before its timeout begins."""

LINGER = 5.0
"""Seconds helper processes (resource tracker, fork server) get to exit after
the script itself has ended, before they count as left behind."""

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

    Both the timeout and ``interrupt_after`` count from the moment the
    example's Python has started and is about to run the script, so a slow
    start on a busy machine does not move them. (A Ctrl-C during Python's
    own start prints a traceback in any program.) The start itself may take
    up to ``STARTUP`` seconds.
    """
    options = Options.make(options, **option_values)
    if reaper.stopping():
        raise ExampleError(script, "not started: the runner is stopping")
    mark = uuid.uuid4().hex
    extra = dict(options.env, **{reaper.MARK: mark, "EXAMPLERUNNER_LOG": ""})
    if dev_mode:  # through the environment, so every process it starts has it too
        extra.setdefault("PYTHONDEVMODE", "1")
    fd, log = tempfile.mkstemp(prefix="examplerunner-", suffix=".log")
    os.close(fd)
    folder = paths.EXAMPLES / options.cwd
    ready = log + ".ready"  # made by the hook when the script is about to run
    extra.update(EXAMPLERUNNER_LOG=log, EXAMPLERUNNER_READY=ready,
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
    reaper.register(mark, proc.pid)
    if reaper.stopping():  # a stop came while it was starting
        reaper.kill_all(mark, proc.pid)
    chunks, problem, ended_at = [], None, None
    deadline, ready_at = started + STARTUP + options.timeout, None
    try:
        while _read(reader, chunks, 0.05):
            now = time.monotonic()
            if ready_at is None and os.path.exists(ready):
                ready_at = now
                deadline = ready_at + options.timeout
            if interrupt_after is not None and ready_at is not None \
                    and now >= ready_at + interrupt_after:
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
            while reaper.processes_of(mark, proc.pid) and time.monotonic() < limit:
                time.sleep(0.02)
            if reaper.processes_of(mark, proc.pid):
                problem = "left processes running after it ended; they were killed"
    finally:
        reaper.kill_all(mark, proc.pid)
        proc.wait()
        os.close(reader)
        reaper.unregister(mark)
        opened = _opened(log)
        os.unlink(log)
        if os.path.exists(ready):
            os.unlink(ready)
    seconds = time.monotonic() - started
    output = clean(b"".join(chunks).decode("utf-8", "replace"), python)
    if problem is None and proc.returncode != options.returncode:
        problem = f"exited with status {proc.returncode}, expected {options.returncode}"
    if problem:
        raise ExampleError(script, problem, output, seconds)
    return Result(script, proc.returncode, output, seconds, opened)
