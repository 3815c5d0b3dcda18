#!/usr/bin/env python3
"""A two-stage pipeline, N workers feeding M, that stops cleanly whatever happens."""

import signal
import sys

ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler: note it, raise nothing
    global ctrl_c
    ctrl_c = True


if __name__ == "__main__":  # first, so a Ctrl-C during the slow imports below is noted
    signal.signal(signal.SIGINT, note_ctrl_c)

import multiprocessing  # noqa: E402  (slow imports, such as NumPy's, go here)
import os  # noqa: E402
import queue  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from multiprocessing import resource_tracker  # noqa: E402

SQUARERS, ADDERS, JOBS = 2, 2, 100  # stage 1 has N workers, stage 2 has M
DONE = None  # the end-of-work marker
CRASH = sys.argv[1:] == ["crash"]
JANITOR = """import os, shutil, sys, tempfile
folder = tempfile.mkdtemp(prefix="pipeline-")
try:
    os.write(1, folder.encode())  # tell the program where
    sys.stdin.read()  # returns once every process that holds the pipe has ended
except OSError:  # the program had already ended
    pass
shutil.rmtree(folder, ignore_errors=True)
"""


class Stopped(Exception):
    """The pipeline is stopping: the parent said so, or the parent died."""


def own_temporary_folder():
    """A folder for this program's temporary files, removed when it ends, even by SIGKILL."""
    stdin, _ = os.pipe()  # its other end stays open here, and in forked workers, till they end
    answer, stdout = os.pipe()
    os.posix_spawn(sys.executable, [sys.executable, "-I", "-c", JANITOR], os.environ,
                   file_actions=[(os.POSIX_SPAWN_DUP2, stdin, 0),
                                 (os.POSIX_SPAWN_DUP2, stdout, 1)],
                   setsid=True,  # a session of its own: Ctrl-C does not reach it,
                   setsigmask={signal.SIGINT})  # not even while it is being started
    os.close(stdin)
    os.close(stdout)
    folder = os.read(answer, 4096).decode()
    os.close(answer)
    if not folder:
        raise OSError("the janitor did not start")
    return folder


def hold_sigint(hold):
    """Hold SIGINT back (True) or let it through (False). POSIX only."""
    if hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        if hold and sys.version_info < (3, 14):  # there, starting the resource tracker
            resource_tracker.ensure_running()  # lets SIGINT through: start it first
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def look_around(stop):
    """In a worker, every 0.1 s while it waits: should it give up?"""
    if stop.value or not multiprocessing.parent_process().is_alive():
        raise Stopped


def get(q, stop):
    while True:
        try:
            return q.get(timeout=0.1)
        except queue.Empty:
            look_around(stop)


def put(q, item, stop):
    while True:
        try:
            return q.put(item, timeout=0.1)
        except queue.Full:
            look_around(stop)


def square(n):
    time.sleep(0.02)  # the work of stage 1
    return n * n


def add_one(n):
    if CRASH and n == 25:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n + 1


def stage(work, inbox, outbox, stop):
    """A worker of either stage: pass each item on, done, until the end marker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    hold_sigint(False)
    try:
        while (item := get(inbox, stop)) is not DONE:
            put(outbox, work(item), stop)
    except Stopped:
        outbox.cancel_join_thread()  # nobody will read what is still buffered


def check(workers):
    """In the parent, between two steps: raise where no lock is held."""
    if ctrl_c:
        raise KeyboardInterrupt
    for w in workers:
        if w.exitcode not in (None, 0):
            raise ChildProcessError(f"{w.name} died with exit code {w.exitcode}")


def offer(q, items):
    """Put the first of items on q if there is room soon; never wait for long."""
    if items:
        try:
            q.put(items[0], timeout=0.02)
            items.pop(0)
        except queue.Full:
            pass


def run(stop, jobs, squares, results):
    """Feed the jobs and collect the results in one loop, so neither blocks the other."""
    stage1 = [multiprocessing.Process(target=stage, name=f"square-{i}",
                                      args=(square, jobs, squares, stop))
              for i in range(1, SQUARERS + 1)]
    stage2 = [multiprocessing.Process(target=stage, name=f"add-{i}",
                                      args=(add_one, squares, results, stop))
              for i in range(1, ADDERS + 1)]
    workers = stage1 + stage2
    hold_sigint(True)  # workers are born with SIGINT held back
    try:
        for w in workers:
            try:
                w.start()
            except OSError as error:  # it died before it had read what to run
                raise ChildProcessError(f"{w.name} died as it started: {error}") from None
    finally:
        hold_sigint(False)
    to_jobs = [*range(JOBS), *[DONE] * SQUARERS]  # one end marker per stage-1 worker
    to_squares, collected = None, []
    while any(w.is_alive() for w in workers):
        check(workers)
        offer(jobs, to_jobs)
        if to_squares is None and not any(w.is_alive() for w in stage1):
            to_squares = [DONE] * ADDERS  # stage 1 has ended: one per stage-2 worker
        offer(squares, to_squares)
        try:
            collected.append(results.get(timeout=0.02))
        except queue.Empty:
            pass
    check(workers)
    while len(collected) < JOBS:  # what the last workers sent as they ended
        collected.append(results.get(timeout=1))
    return collected


if __name__ == "__main__":
    if hasattr(os, "posix_spawn"):  # where multiprocessing puts its own files too
        os.environ["TMPDIR"] = tempfile.tempdir = own_temporary_folder()
    stop = multiprocessing.RawValue("b", 0)  # a flag without a lock
    jobs, squares, results = (multiprocessing.Queue(4) for _ in range(3))  # bounded
    try:
        collected = run(stop, jobs, squares, results)
        print(f"pipeline finished: {len(collected)} results, sum {sum(collected)}")
    except (KeyboardInterrupt, ChildProcessError) as error:
        print("stopping:", str(error) or "Ctrl-C")
        stop.value = 1
        for q in (jobs, squares):
            q.cancel_join_thread()  # do not wait to send what nobody will read
        deadline = time.monotonic() + 2
        for w in multiprocessing.active_children():
            w.join(max(0, deadline - time.monotonic()))  # a bounded join...
            if w.exitcode is None:
                w.terminate()  # ...then terminate() what still runs
                w.join()
        sys.exit(130 if isinstance(error, KeyboardInterrupt) else 1)
    finally:  # from here on a Ctrl-C changes nothing
        signal.signal(signal.SIGINT, signal.SIG_IGN)
