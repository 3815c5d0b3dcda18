#!/usr/bin/env python3
"""A two-stage pipeline that stops cleanly: at its end, on Ctrl-C, or when a worker dies."""

import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import time

DONE = None  # the end-of-work marker
ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler
    global ctrl_c
    ctrl_c = True


def check(workers):
    if ctrl_c:  # raised here, where no lock is held
        raise KeyboardInterrupt
    for w in workers:
        if w.exitcode not in (None, 0):
            raise ChildProcessError(f"{w.name} died with exit code {w.exitcode}")


def put(q, item, stop, workers=()):
    """Put item on q unless the pipeline stops; look around while q is full."""
    while not stop.is_set():
        check(workers)  # a dead worker would leave us waiting here
        try:
            return q.put(item, timeout=0.1)
        except queue.Full:
            pass
    q.cancel_join_thread()  # nobody will read what is still buffered


def get(q, stop):
    while not stop.is_set():
        try:
            return q.get(timeout=0.1)
        except queue.Empty:
            pass
    return DONE


def square(jobs, squares, stop):  # stage 1
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while (n := get(jobs, stop)) is not DONE:
        time.sleep(0.02)  # the work
        put(squares, n * n, stop)
    put(squares, DONE, stop)  # pass the end of work on


def add(squares, stop, producers, crash):  # stage 2
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    total = count = 0
    while producers and not stop.is_set():
        if (n := get(squares, stop)) is DONE:
            producers -= 1
            continue
        total, count = total + n, count + 1
        if count == 5 and crash:
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    if not stop.is_set():
        print(f"{multiprocessing.current_process().name}: {count} squares, sum {total}")


if __name__ == "__main__":
    crash = sys.argv[1:] == ["crash"]
    stop = multiprocessing.Event()
    jobs, squares = multiprocessing.Queue(4), multiprocessing.Queue(4)  # bounded
    workers = [multiprocessing.Process(target=square, args=(jobs, squares, stop),
                                       name=f"square-{i}") for i in (1, 2)]
    workers.append(multiprocessing.Process(target=add, name="add",
                                           args=(squares, stop, 2, crash)))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # workers inherit it
    for w in workers:
        w.start()
    signal.signal(signal.SIGINT, note_ctrl_c)
    try:
        for n in [*range(100), DONE, DONE]:  # one end marker per stage-1 worker
            put(jobs, n, stop, workers)
        waiting = [w.sentinel for w in workers]
        while waiting:  # wake up whenever a worker ends, whichever it is
            for ended in multiprocessing.connection.wait(waiting, timeout=0.1):
                waiting.remove(ended)
            check(workers)
        for w in workers:
            w.join()
        print("pipeline finished")
    except (KeyboardInterrupt, ChildProcessError) as error:
        print("stopping:", str(error) or "Ctrl-C")
        stop.set()
        jobs.cancel_join_thread()  # do not wait to send jobs nobody will read
        for w in workers:
            w.join()
        sys.exit(130 if isinstance(error, KeyboardInterrupt) else 1)
    finally:  # from here on a Ctrl-C changes nothing
        signal.signal(signal.SIGINT, signal.SIG_IGN)
