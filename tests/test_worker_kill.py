"""A worker killed with SIGKILL at any moment: the templates report it and stop cleanly.

The kernel's out-of-memory killer ends a process with SIGKILL, which no
program can catch. These tests do the same to one worker of each template
(the batch job, the pipeline and the logging program of the real-programs
chapter, the shared-array program of the large-data chapter), at several
moments of its run: as soon as the first worker exists, while the workers
are busy, and near the end. Each time the example must exit within a few
seconds with status 1 and say that a worker died (or with status 0 and its
complete result, if the worker it killed had already finished its part),
print no traceback, and leave no process behind. One more test kills the
logging program's worker at the worst moment: while its queue thread
holds the log queue's lock.

The workers are found from outside, as an administrator would find them:
the example's process is this test's child that carries the test's mark
(or, through a terminal, that child's child: the runner's session leader
starts it), and its workers are the descendants that run the workers'
code, not multiprocessing's helpers (the resource tracker, the fork
server) nor a template's janitor.

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
    "multiprocessing_logging_file.py": ((0.0, 0.25, 0.5, 0.7, 0.9), "every worker finished"),
    "multiprocessing_shared_array.py": ((0.0, 0.25, 0.5, 0.7, 0.9), "2000 of 2000 row sums"),
}
EXECUTORS = ("multiprocessing_batch.py", "multiprocessing_shared_array.py")
"""The templates built on a ProcessPoolExecutor, which meet CPython's executor races."""
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
# The same overlap, seen in the shared-array program (four spawned workers,
# so the window is wider): the executor's own thread, breaking the pool,
# counts the workers while submit() adds one, and a worker still being
# spawned finds the executor's semaphores already gone (about one run in
# five with the kill as the first worker appears; not in 72 runs each on
# 3.12 and 3.15). A spawned worker dies in spawn_main; one started by the
# fork server dies in the server's child, whose traceback starts in
# forkserver.py's main (seen once in the 3.11 matrix on a fresh clone).
EXECUTOR_COUNT = whole_lines(
    r"Exception in thread [^\n]*:\nTraceback \(most recent call last\):\n(?:  .*\n)*?"
    r'  File ".*concurrent/futures/process\.py", line \d+, in get_n_children_alive\n'
    r"(?:  .*\n)*?RuntimeError: dictionary changed size during iteration")
SPAWN_TOO_LATE = whole_lines(
    r"Traceback \(most recent call last\):\n(?:  .*\n)*?"
    r'  File ".*multiprocessing/(?:spawn\.py", line \d+, in spawn_main|'
    r'forkserver\.py", line \d+, in main)\n(?:  .*\n)*?'
    r"FileNotFoundError: \[Errno 2\] No such file or directory")
GRACE = 8.0
"""Seconds an example may take in all, killed worker included."""
LOG_GRACE = 14.0
"""The same for the logging program: a worker killed while it holds the log
queue's lock costs it 2 s of waiting for its other workers and 2 s for its
listener, on top of its run."""
LOGGING = "multiprocessing_logging_file.py"


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
                                       start_method=method, dev_mode=True,
                                       timeout=LOG_GRACE if script == LOGGING else GRACE)
            output, status = result.output, 1
        except examplerunner.ExampleError as error:
            if "exited with status 0," not in str(error):
                raise
            output, status = error.output, 0
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was found to kill"
    if sys.version_info[:2] == (3, 11) and script in EXECUTORS:
        for race in (EXECUTOR_EOF, EXECUTOR_COUNT, SPAWN_TOO_LATE):
            output = race.sub("", output)
    if script in EXECUTORS:  # the batch job's exit race (races.py), which they share
        output = without_exit_wakeup_race("multiprocessing_batch.py", output)
    assert "Traceback" not in output, output
    assert "Exception ignored" not in output, output
    if status == 1:
        assert "died" in output, output
    else:  # the killed worker had done its part: the result must be whole
        assert CASES[script][1] in output, output


def blocked_in_a_pipe_write(pid):
    """True if a thread of ``pid`` waits in the kernel to write to a full pipe."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/wchan") as wchan:
                if wchan.read() in ("pipe_write", "anon_pipe_write", "pipe_wait"):
                    return True
        except OSError:
            continue
    return False


def kill_the_lock_holder(mark, method, killed, stop):
    """Stop the example, so that its listener reads nothing and the log pipe fills;
    then SIGKILL the worker whose queue thread waits to write, holding the
    queue's lock, and let the example go on."""
    main = None
    while not stop.is_set() and main is None:
        main = example_process(mark)
        time.sleep(0.005)
    while not stop.is_set():
        try:
            if len(workers_of(main, method)) == 4:
                break
        except psutil.Error:
            return
        time.sleep(0.01)
    if stop.wait(0.2):
        return
    os.kill(main.pid, signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 5
        while not killed and time.monotonic() < deadline:
            for pid in workers_of(main, method):
                if blocked_in_a_pipe_write(pid):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    break
            time.sleep(0.02)
    finally:
        os.kill(main.pid, signal.SIGCONT)


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/wchan"),
                    reason="needs /proc/PID/wchan (Linux) to find the lock's holder")
@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
def test_a_worker_killed_holding_the_log_queue_s_lock_does_not_hang_the_program(method):
    # The worst moment for the logging program: a worker dies while its
    # queue thread holds the queue's lock, so no other process can send a
    # record again, nor the listener's end marker. It must still stop in
    # bounded time, say what died and that records were lost.
    mark, killed, stop = uuid.uuid4().hex, [], threading.Event()
    killer = threading.Thread(target=kill_the_lock_holder, args=(mark, method, killed, stop))
    killer.start()
    try:
        result = examplerunner.run(LOGGING, returncode=1, env={MARK: mark},
                                   start_method=method, dev_mode=True, timeout=LOG_GRACE)
    finally:
        stop.set()
        killer.join()
    if not killed:
        pytest.skip("no worker was seen waiting to write to the full log pipe")
    assert "Traceback" not in result.output, result.output
    assert "died with exit code -9" in result.output, result.output
    assert "did not stop within 2 s: its last records are lost" in result.output, result.output
