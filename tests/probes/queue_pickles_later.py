#!/usr/bin/env python3
"""A queue pickles an item in its feeder thread, after put() has returned."""

import multiprocessing
import threading
import time


class Witness:
    """Records which thread pickles it."""

    def __reduce__(self):
        PICKLED_IN.append(threading.current_thread().name)
        return (Witness, ())


class Unpicklable:
    def __reduce__(self):
        raise TypeError("not today")


PICKLED_IN = []

if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        queue = multiprocessing.get_context(method).Queue()
        PICKLED_IN.clear()
        queue.put(Witness())
        queue.get(timeout=10)
        # Not the caller: the queue's own thread.
        assert PICKLED_IN and PICKLED_IN[0] != threading.current_thread().name, PICKLED_IN
        # An item that cannot be pickled: put() returns without an error,
        # and the item never arrives.
        queue.put(Unpicklable())
        started = time.monotonic()
        try:
            queue.get(timeout=1)
        except Exception as error:  # queue.Empty
            assert type(error).__name__ == "Empty", error
        else:
            raise AssertionError("an unpicklable item arrived")
        assert time.monotonic() - started >= 0.9
        queue.close()
        queue.join_thread()
