"""A worker killed with SIGKILL at any moment: the templates report it and stop cleanly.

The kernel's out-of-memory killer ends a process with SIGKILL, which no
program can catch. These tests do the same to one worker of each template of
the real-programs chapter (the batch job and the pipeline), at several
moments of its run: as soon as the first worker exists, while the workers
are busy, and near the end. Each time the example must exit within a few
seconds with status 1 and say that a worker died (or with status 0 and its
complete result, if the worker it killed had already finished its part),
print no traceback, and leave no process behind.

The workers are found from outside, as an administrator would find them:
the example's process is the child of this test that carries the test's
mark, and its workers are the descendants that run the workers' code, not
multiprocessing's helpers (the resource tracker, the fork server).

tests/test_parent_death.py kills the parent instead.

``paver test`` runs every other moment under the default start method;
``EXAMPLE_MATRIX=full`` (tox, CI) runs every moment under every method.
"""

import os
import signal
import sys
import threading
import time
import uuid

import psutil
import pytest
from races import whole_lines, without_exit_wakeup_race
from test_interrupts import FULL, METHODS  # the same moments rule, the same methods

import examplerunner

# Seconds after the example's process started at which a worker is killed
# (0.0: the first worker as soon as it exists), and the text of a complete
# run, which is right when the killed worker had already done its part.
CASES = {
    "multiprocessing_batch.py": ((0.0, 0.25, 0.5, 0.7, 0.9), "100% (10000 of 10000)"),
    "multiprocessing_pipeline.py": ((0.0, 0.25, 0.5, 0.7, 0.9), "pipeline finished"),
}
MOMENTS = [(script, moment, i) for script, (moments, _) in CASES.items()
           for i, moment in enumerate(moments) if FULL or i % 2 == 0]
MARK = "WORKER_KILL_TEST"
# Python 3.11's ProcessPoolExecutor: when the pool breaks while the executor
# is still starting a worker, that worker can die of an EOFError in its
# call_queue.get(), with a traceback CPython prints (seen under forkserver,
# about one run in forty; not on 3.12 to 3.14). The template cannot prevent
# it, so on 3.11 that one traceback is taken out before the output is judged.
EXECUTOR_EOF = whole_lines(
    r"Process \w+-\d+:\nTraceback \(most recent call last\):\n(?:  .*\n)*?"
    r'  File ".*concurrent/futures/process\.py", line \d+, in _process_worker\n'
    r"(?:  .*\n)*?EOFError")
GRACE = 8.0
"""Seconds an example may take in all, killed worker included."""


def example_process(mark):
    """The example's own process, found through this test's child that carries ``mark``.

    Through a terminal, that child is the runner's session leader
    (examplerunner/session.py), as a shell would be, and the example is its
    child once that child has left the leader's command line for the
    example's (its exec). Through a pipe, the child is the example.
    """
    for child in psutil.Process().children():
        try:
            if child.environ().get(MARK) != mark:
                continue
            leader = command(child)
            if str(examplerunner.paths.SESSION) not in leader:
                return child
            for grandchild in child.children():
                if command(grandchild) != leader:
                    return grandchild
        except psutil.Error:
            continue
    return None


def command(proc):
    return " ".join(proc.cmdline())


def workers_of(main, method):
    """The worker processes of ``main`` as (pid, command line), oldest first.

    A spawned worker runs ``spawn_main``; a fork server's children are
    workers. A forked worker has its parent's command line, and so has,
    for an instant, a helper that is being started (before its exec):
    such a child counts only if it still has that line a moment later.
    """
    found = []
    for child in main.children():
        try:
            text = command(child)
            if method == "spawn" and "spawn_main" in text:
                found.append(child)
            elif method == "forkserver" and "forkserver import main" in text:
                found.extend(child.children())
            elif method == "fork" and text == command(main):
                time.sleep(0.02)
                if command(child) == text:
                    found.append(child)
        except psutil.Error:
            continue
    return [p.pid for p in sorted(found, key=lambda p: (p.create_time(), p.pid))]


def kill_a_worker(mark, method, moment, which, killed, stop):
    """Wait for the example, then SIGKILL its worker number ``which`` (mod how many)."""
    main = started = None
    while not stop.is_set():
        now = time.monotonic()
        if main is None:
            main = example_process(mark)
            started = now
        elif now >= started + moment:
            try:
                workers = workers_of(main, method)
            except psutil.Error:
                return  # the example ended first
            if workers:
                pid = workers[which % len(workers)]
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue  # it ended meanwhile: take another
                killed.append(pid)
                return
        time.sleep(0.005)


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("script", "moment", "which"), MOMENTS)
def test_a_killed_worker_stops_the_template_cleanly(script, moment, which, method):
    mark, killed, stop = uuid.uuid4().hex, [], threading.Event()
    killer = threading.Thread(target=kill_a_worker,
                              args=(mark, method, moment, which, killed, stop))
    killer.start()
    try:
        try:
            result = examplerunner.run(script, returncode=1, env={MARK: mark},
                                       start_method=method, dev_mode=True, timeout=GRACE)
            output, status = result.output, 1
        except examplerunner.ExampleError as error:
            if "exited with status 0," not in str(error):
                raise
            output, status = error.output, 0
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was found to kill"
    if sys.version_info[:2] == (3, 11) and script == "multiprocessing_batch.py":
        output = EXECUTOR_EOF.sub("", output)
    output = without_exit_wakeup_race(script, output)
    assert "Traceback" not in output, output
    assert "Exception ignored" not in output, output
    if status == 1:
        assert "died" in output, output
    else:  # the killed worker had done its part: the result must be whole
        assert CASES[script][1] in output, output
