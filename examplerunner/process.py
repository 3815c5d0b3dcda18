"""Run one example as a terminal would, and make sure nothing it started survives
(:mod:`.reaper` finds and kills what is left)."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import uuid

from . import paths, reaper, subreaper
from .options import Options, check_script
from .output import clean, machine_paths
from .pythons import ProbeError

STARTUP = 30.0
"""Seconds an example's Python may take to start before its timeout begins."""

LINGER = 5.0
"""Seconds helper processes (resource tracker, fork server) get to exit after
the script itself has ended, before they count as left behind."""

_ALLOWED = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "TMPDIR", "TZ", "LD_LIBRARY_PATH")
"""The caller's variables an example gets (and ``LC_*``); everything else it
gets only through its block's ``env`` option."""


DEV_MODE_IGNORES = "ignore:Module globals is missing a __spec__.loader:DeprecationWarning"
"""The one warning development mode hides. From Python 3.15, formatting a
traceback that passes through the main script in a spawn or forkserver child
warns so: the child imports the script as ``__mp_main__`` without a loader,
and linecache deprecates that. It is Python's own, in every such traceback,
and says nothing about the example (the article's toolbox chapter says so)."""


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


def child_environment(start_method=None, extra=()):
    """The environment an example runs in: a few of the caller's variables, plus ``extra``.

    It is built from an allow-list (``PATH``, ``HOME``, the locale...), not
    from the caller's shell minus some names, so variables such as
    ``PYTHONUNBUFFERED`` or ``PYTHONPROFILEIMPORTTIME`` never reach an
    example: its output depends on the caller's shell only through the
    block's ``env`` option. Colour is off and the terminal is ``TERM=dumb``,
    so the text is plain, unless ``extra`` says otherwise (an example about
    colour or a terminal's abilities): what a block's ``env`` gives, the
    example gets. The runner's hook goes first on ``PYTHONPATH``, before
    any ``PYTHONPATH`` in ``extra``.

    ``PYTHONDONTWRITEBYTECODE=1``: no Python the example starts (a spawned
    child, a ``python -c`` it runs) writes the bytecode of a module it
    imports from ``examples/`` into ``__pycache__`` there, so whatever is
    written there is the example's own doing, and is seen like any other
    write. Bytecode already cached (the standard library's, a package's)
    is still read, so a run costs what it did. (``PYTHONPYCACHEPREFIX``
    outside the tree would keep Python away from ``examples/__pycache__``
    too, but an empty prefix makes every run compile the standard library
    it imports again: 0.35-0.6 s against 0.09 s for multiprocessing,
    asyncio and logging.)
    """
    env = {k: v for k, v in os.environ.items() if k in _ALLOWED or k.startswith("LC_")}
    env.update(NO_COLOR="1", PYTHON_COLORS="0", COLUMNS="80", LC_ALL="C.UTF-8", TERM="dumb",
               PYTHONDONTWRITEBYTECODE="1")
    extra = dict(extra)
    env.update((k, v) for k, v in extra.items() if k != "PYTHONPATH")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.HOOK), extra.get("PYTHONPATH")]))
    if start_method:
        env["EXAMPLE_START_METHOD"] = start_method  # read by hook/sitecustomize.py
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


def _wait(proc, ready, wait):
    """Wait up to ``wait`` seconds for ``proc`` to end, or the ``ready`` pipe to
    be readable (None: for ``proc`` only)."""
    if ready is not None:
        select.select([ready], [], [], wait)
        return
    try:
        proc.wait(wait)
    except subprocess.TimeoutExpired:
        pass


def _foreground(terminal, leader):
    """The process group that Ctrl-C on ``terminal`` (its master side) reaches: the
    one in the foreground, as a terminal's own Ctrl-C would; ``leader``'s
    group for a pipe."""
    try:
        group = os.tcgetpgrp(terminal)
    except OSError:
        return leader
    # 0 where the terminal has no foreground group (its session ended):
    # os.killpg(0, ...) would signal the runner's own group.
    return group if group > 0 else leader


def locate(script, options):
    """The folder ``script`` runs in; an :class:`ExampleError` unless both are under examples/."""
    examples = paths.EXAMPLES.resolve()
    folder, where = paths.EXAMPLES / options.cwd, f"cwd={options.cwd!r}"
    try:
        if not folder.resolve().is_relative_to(examples):
            raise ExampleError(script, f"{where} is outside examples/; an example runs there")
        if not folder.is_dir():
            raise ExampleError(script, f"{where} is not a folder under examples/")
        path = (folder / script).resolve()
    except (OSError, RuntimeError) as error:  # a symbolic link loop
        raise ExampleError(script, f"cannot be found: {error}") from None
    if not path.is_relative_to(examples) or os.path.isabs(script):
        raise ExampleError(script, "is outside examples/; only the examples there are run")
    if not path.is_file():
        raise ExampleError(script, f"no such script in {paths.shown(folder)}")
    return folder


def run(script, options=None, *, start_method=None, python=None, dev_mode=False, pipe=False,
        linger=LINGER, interrupt_after=None, activity=None, **option_values) -> Result:
    """Run ``examples/<script>`` as a terminal would and return what it printed.

    ``options`` (an :class:`Options`, or keywords of the same names) say how;
    ``start_method`` makes that method the default, ``python`` runs another
    interpreter, ``dev_mode`` runs it and every process it starts in
    development mode, ``pipe`` gives it a pipe instead of a terminal, and
    ``interrupt_after`` sends SIGINT to its process group after that many
    seconds, as Ctrl-C does. ``activity`` (a :class:`.blame.Activity`) is told
    when its processes lived and what they held open for writing, whatever
    the outcome. Raises :class:`ExampleError` when it exits with
    another status than expected, outlives its timeout, or leaves a process
    running more than ``linger`` seconds after it ended.

    The terminal is the example's controlling terminal (``/dev/tty`` opens),
    and the example is its foreground process group, which Ctrl-C reaches;
    as under a shell, a session leader of the runner's (:mod:`.session`)
    holds it, so the example's exit hangs up none of its processes.

    Both the timeout and ``interrupt_after`` count from the moment the
    example's Python has started and is about to run the script, so a slow
    start on a busy machine does not move them. (A Ctrl-C during Python's
    own start prints a traceback in any program.) The start itself may take
    up to ``STARTUP`` seconds.
    """
    check_script(script)
    options = Options.make(options, **option_values)
    if reaper.stopping():
        raise ExampleError(script, "not started: the runner is stopping")
    folder = locate(script, options)
    subreaper.become_subreaper()
    mark = uuid.uuid4().hex
    extra = dict(options.env)
    if dev_mode:  # through the environment, so every process it starts has it too
        extra.setdefault("PYTHONDEVMODE", "1")
        extra.setdefault("PYTHONWARNINGS", DEV_MODE_IGNORES)
    # The hook writes a byte to this pipe when the script is about to run:
    # a descriptor the example's process closes before its script starts,
    # so nothing the example does can reach the runner's bookkeeping.
    ready, ready_writer = os.pipe()
    extra.update({reaper.MARK: mark, "EXAMPLERUNNER_READY": str(ready_writer)})
    if pipe:
        reader, writer = os.pipe()
    else:
        reader, writer = pty.openpty()
        # A real terminal has a size; one of 0 x 0 makes some programs (tqdm)
        # draw nothing. 24 rows of 80 columns is the classic default.
        fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    command = [python or sys.executable, script, *options.args]
    if not pipe:  # led by a session leader that makes the terminal its own (see session.py)
        command = [sys.executable, "-I", "-S", str(paths.SESSION), *command]
    started = time.monotonic()
    try:
        with reaper.starting():
            if activity is not None:
                activity.began()
            proc = subprocess.Popen(
                command,
                cwd=folder, env=child_environment(start_method, extra), pass_fds=[ready_writer],
                stdin=subprocess.DEVNULL, stdout=writer, stderr=writer, start_new_session=True)
            reaper.register(mark, proc.pid)
    except BaseException:
        if activity is not None:
            activity.ended()
        os.close(reader)
        os.close(ready)
        raise
    finally:
        os.close(writer)
        os.close(ready_writer)
    if reaper.stopping():  # a stop came while it was starting
        reaper.kill_all(mark, proc.pid)
    chunks, problem, ended_at, noted = [], None, None, 0.0
    deadline, ready_at = started + STARTUP + options.timeout, None
    output_open = True
    try:
        # Until it has ended and its output is closed: an example that sends
        # its output elsewhere at once (/dev/null) is still timed.
        while True:
            if output_open:
                output_open = _read(reader, chunks, 0.05)
            else:
                _wait(proc, ready if ready_at is None else None, 0.05)
            now = time.monotonic()
            if ready_at is None and select.select([ready], [], [], 0)[0]:
                ready_at = now
                deadline = ready_at + options.timeout
            if now >= noted + 0.25:  # remember its tree, to claim its orphans
                tree = reaper.note_tree(mark, proc.pid)
                if activity is not None:
                    activity.look({proc.pid, *tree})
                reaper.reap()
                noted = now
            if interrupt_after is not None and ready_at is not None \
                    and now >= ready_at + interrupt_after:
                interrupt_after = None
                try:
                    os.killpg(_foreground(reader, proc.pid), signal.SIGINT)
                except ProcessLookupError:
                    pass
            if ended_at is None and proc.poll() is not None:
                ended_at = now
            if now > deadline:
                problem = f"timed out after {options.timeout:g} s; it was killed"
                break
            if ended_at is not None and not output_open:
                break
            if ended_at is not None and now > ended_at + linger:
                break  # something still holds the terminal open
        finished = ended_at or time.monotonic()  # the terminal closed as it ended
        if problem is None:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                problem = f"timed out after {options.timeout:g} s; it was killed"
        if problem is None:
            # Give helpers that are still exiting a moment before judging them.
            limit = max(time.monotonic(), (ended_at or time.monotonic()) + linger)
            left = reaper.left_behind(mark, proc.pid)
            while left and time.monotonic() < limit:
                time.sleep(0.02)
                left = reaper.left_behind(mark, proc.pid)
            if left:
                problem = "left processes running after it ended; they were killed"
    finally:
        reaper.kill_all(mark, proc.pid)
        proc.wait()
        if activity is not None:
            activity.ended()
        os.close(reader)
        os.close(ready)
        reaper.unregister(mark)
    try:
        machine_paths(python)  # asks that Python once: not part of the cleaning
    except ProbeError as error:
        raise ExampleError(script, str(error), b"".join(chunks).decode("utf-8", "replace"),
                           time.monotonic() - started) from None
    cleaning = time.monotonic()
    output = clean(b"".join(chunks).decode("utf-8", "replace"), python)
    seconds = time.monotonic() - started
    # Cleaning the output counts inside the timeout, as if the example had
    # spent that time printing; the runner's own checks after it do not.
    if problem is None and finished <= deadline < finished + time.monotonic() - cleaning:
        problem = f"timed out after {options.timeout:g} s, counting the cleaning of its output"
    if problem is None and proc.returncode != options.returncode:
        problem = f"exited with status {proc.returncode}, expected {options.returncode}"
    if problem:
        raise ExampleError(script, problem, output, seconds)
    return Result(script, proc.returncode, output, seconds)
