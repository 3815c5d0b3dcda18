#!/usr/bin/env python3
"""Queue.qsize() reads a semaphore's value (macOS cannot); a manager's queue is a queue.Queue."""

import inspect
import multiprocessing
import multiprocessing.managers
import multiprocessing.queues
import queue


class NoValue:  # a semaphore whose value cannot be read, as on macOS
    def _get_value(self):
        raise NotImplementedError

    def get_value(self):
        raise NotImplementedError


class Semaphore:
    _semlock = NoValue()

    def get_value(self):
        return self._semlock._get_value()


if __name__ == "__main__":
    q = multiprocessing.Queue()
    source = inspect.getsource(type(q).qsize)
    assert "Raises NotImplementedError on Mac OSX because of broken sem_getvalue()" in source
    q.put(1)
    real, q._sem = q._sem, Semaphore()
    try:
        q.qsize()
    except NotImplementedError:
        pass
    else:
        raise AssertionError("qsize() did not go through the semaphore")
    q._sem = real
    assert q.get(timeout=10) == 1
    q.close()
    q.join_thread()
    # A manager's queue is a queue.Queue in the manager's process: its count is a list's length.
    assert multiprocessing.managers.SyncManager._registry["Queue"][0] is queue.Queue
    assert "len(self.queue)" in inspect.getsource(queue.Queue._qsize)
    with multiprocessing.Manager() as manager:
        shared = manager.Queue()
        shared.put(1)
        shared.put(2)
        assert shared.qsize() == 2
