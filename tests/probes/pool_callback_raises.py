#!/usr/bin/env python3
"""A Pool callback or error_callback that raises kills the result thread: later get()s hang."""

import multiprocessing
import threading

DIED = []
died = threading.Event()


def note(args):
    DIED.append(args.thread.name)
    died.set()


def square(x):
    if x < 0:
        raise ValueError(x)
    return x * x


def bad(result):
    raise RuntimeError("the callback failed")


if __name__ == "__main__":
    threading.excepthook = note
    for method in ("fork", "spawn", "forkserver"):
        for kind, argument in (("callback", 3), ("error_callback", -3)):
            DIED.clear()
            died.clear()
            pool = multiprocessing.get_context(method).Pool(1)
            first = pool.apply_async(square, (argument,), **{kind: bad})
            assert died.wait(30), (method, kind)
            later = pool.apply_async(square, (4,))
            try:
                later.get(timeout=0.5)
            except multiprocessing.TimeoutError:
                pass
            else:
                raise AssertionError(f"{method}, {kind}: a later result arrived")
            assert len(DIED) == 1 and "_handle_results" in DIED[0], (method, kind, DIED)
            assert not first.ready()  # even the failing task's result is lost
            try:
                pool.terminate()
            except AssertionError:  # "Cannot have cache with result_handler not alive"
                pass
            else:
                raise AssertionError(f"{method}, {kind}: terminate() worked")
            for worker in multiprocessing.active_children():
                worker.terminate()
                worker.join()
