#!/usr/bin/env python3
"""max_tasks_per_child: spawned workers, no fork; before 3.14 a limit of 2 hangs, 1 adds one."""

import concurrent.futures
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HANG = """\
import concurrent.futures, multiprocessing, os

def task(n):
    return n

if __name__ == "__main__":
    executor = concurrent.futures.ProcessPoolExecutor(1, max_tasks_per_child=2)
    futures = [executor.submit(task, n) for n in range(5)]
    done, _ = concurrent.futures.wait(futures, timeout=3)
    print(len(done), flush=True)
    if len(done) == 5:
        executor.shutdown()
    else:  # hung: shutdown() would wait for good, and so would the exit
        for worker in multiprocessing.active_children():
            worker.kill()
            worker.join()
        os._exit(0)
"""


def task(n):
    return multiprocessing.current_process().name


def workers_started(ctx, tasks):
    """How many processes a limit of 1 started for ``tasks`` tasks on one worker."""
    before = int(ctx.Process().name.rsplit("-", 1)[1])
    with concurrent.futures.ProcessPoolExecutor(1, max_tasks_per_child=1,
                                                mp_context=ctx) as executor:
        names = list(executor.map(task, range(tasks)))
    assert len(set(names)) == tasks, names  # a fresh worker for every task
    return int(ctx.Process().name.rsplit("-", 1)[1]) - before - 1


if __name__ == "__main__":
    # Without mp_context the workers are spawned, whatever the default.
    with concurrent.futures.ProcessPoolExecutor(1, max_tasks_per_child=1) as executor:
        assert executor.submit(task, 0).result().startswith("SpawnProcess"), "not spawned"
    try:
        concurrent.futures.ProcessPoolExecutor(
            mp_context=multiprocessing.get_context("fork"), max_tasks_per_child=1)
    except ValueError:
        pass
    else:
        raise AssertionError("a fork context was accepted")
    # After the last task the executor may start one worker too many.
    started = [workers_started(multiprocessing.get_context("spawn"), 3) for _ in range(3)]
    if sys.version_info < (3, 13, 1):
        assert started == [4, 4, 4], started  # every time
    elif sys.version_info >= (3, 14, 10):
        assert 3 in started and set(started) <= {3, 4}, started  # only sometimes
    # A limit of 2 on one worker: the executor stops starting workers.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "limit_two.py").write_text(HANG)  # a script, as in real programs
        done = subprocess.run([sys.executable, "limit_two.py"], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=30)
    finished = int(done.stdout)
    if sys.version_info < (3, 13, 1):
        assert finished == 2, finished  # hung after the first worker's share
    elif sys.version_info >= (3, 14, 7):  # gh-115634
        assert finished == 5, finished
