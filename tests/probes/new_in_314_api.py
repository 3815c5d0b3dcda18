#!/usr/bin/env python3
"""What the toolbox lists as new in 3.14 exists from 3.14 on, and not before."""

import collections.abc
import concurrent.futures as cf
import inspect
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor


def name(_):
    return multiprocessing.current_process().name


def started(queue):
    global STARTED
    STARTED = queue


def nap(seconds):
    STARTED.put(True)
    time.sleep(seconds)


def stopped_by(method, operation):
    """Exit codes of two busy workers, and how their four tasks ended."""
    ctx = multiprocessing.get_context(method)
    queue = ctx.SimpleQueue()
    executor = ProcessPoolExecutor(2, mp_context=ctx, initializer=started, initargs=(queue,))
    futures = [executor.submit(nap, 10) for _ in range(4)]
    queue.get()
    queue.get()  # both workers run a task
    workers = list(executor._processes.values())
    getattr(executor, operation)()
    # Not cf.wait(): it never counts a future these methods cancel as done.
    deadline = time.monotonic() + 20
    while not all(f.done() for f in futures) and time.monotonic() < deadline:
        time.sleep(0.01)
    ends = {"cancelled" if f.cancelled() else type(f.exception(0)).__name__ for f in futures}
    for worker in workers:
        worker.join(20)
    try:
        executor.submit(nap, 0)
    except cf.process.BrokenProcessPool:
        ends.add("then refuses work")
    return sorted(worker.exitcode for worker in workers), ends


if __name__ == "__main__":
    new = sys.version_info >= (3, 14)
    ctx = multiprocessing.get_context("spawn")
    assert hasattr(ctx.Lock(), "locked") is new
    assert hasattr(ctx.RLock(), "locked") is new
    assert hasattr(multiprocessing.Process, "interrupt") is new
    assert hasattr(ProcessPoolExecutor, "terminate_workers") is new
    assert hasattr(ProcessPoolExecutor, "kill_workers") is new
    assert ("buffersize" in inspect.signature(cf.Executor.map).parameters) is new
    assert hasattr(cf, "InterpreterPoolExecutor") is new
    with ctx.Manager() as manager:
        assert hasattr(manager, "set") is new
        assert hasattr(manager.Lock(), "locked") is new
        items, table = manager.list([1]), manager.dict(a=1)
        assert (hasattr(items, "copy") and hasattr(items, "clear")) is new
        assert hasattr(table, "copy") and hasattr(table, "clear")  # not new
        assert hasattr(type(table), "__ior__") is new
        assert isinstance(items, collections.abc.MutableSequence) is new
        assert isinstance(table, collections.abc.MutableMapping) is new
    if sys.platform == "linux":
        # The default start method, and the names it gives.
        with multiprocessing.Pool(1) as pool:
            worker = pool.apply(name, (0,))
        assert worker[:-1] == ("ForkServerPoolWorker-" if new else "ForkPoolWorker-")
        # multiprocessing.Process stays a plain Process, whatever the method.
        assert type(multiprocessing.Process()).__name__ == "Process"
    if new:
        for method in ("fork", "spawn", "forkserver"):
            # A fork-server worker's exit code is sometimes lost, as 255,
            # when the executor closes the worker first (1 run in 30 here).
            lost = {255} if method == "forkserver" else set()
            codes, ends = stopped_by(method, "terminate_workers")
            assert set(codes) <= {-15} | lost, (method, codes)
            assert ends <= {"BrokenProcessPool", "cancelled", "then refuses work"}, ends
            assert {"BrokenProcessPool", "then refuses work"} <= ends, ends
            # The executor's own thread may terminate a worker first.
            codes, ends = stopped_by(method, "kill_workers")
            assert set(codes) <= {-9, -15} | lost and (lost or -9 in codes), (method, codes)
            assert {"BrokenProcessPool", "then refuses work"} <= ends, ends
