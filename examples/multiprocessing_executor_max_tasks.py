#!/usr/bin/env python3
"""max_tasks_per_child: a fresh worker for every task, started by spawn, never by fork."""

import concurrent.futures
import multiprocessing
import os

if __name__ == "__mp_main__":  # in a worker that imported this script
    print(f"{multiprocessing.current_process().name} starts", flush=True)


def pid(task):
    return os.getpid()


if __name__ == "__main__":
    # 1, not more: on 3.11 to 3.13, a limit above 1 can hang (see the text)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1,
                                                max_tasks_per_child=1) as executor:
        pids = list(executor.map(pid, range(3)))
    print(f"3 tasks, 1 per worker: {len(set(pids))} workers, one after another")

    if "fork" in multiprocessing.get_all_start_methods():  # not on Windows
        fork = multiprocessing.get_context("fork")
        try:
            concurrent.futures.ProcessPoolExecutor(mp_context=fork, max_tasks_per_child=1)
        except ValueError as error:
            print(f"with a fork context: ValueError: {error}")
