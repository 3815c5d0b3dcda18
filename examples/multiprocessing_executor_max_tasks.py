#!/usr/bin/env python3
"""max_tasks_per_child: a fresh worker for every task, started by spawn, never by fork."""

import concurrent.futures
import multiprocessing


def task(n):
    return n, multiprocessing.current_process().name


if __name__ == "__main__":
    # 1, not more: on 3.11 to 3.13, a limit above 1 can hang (see the text)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1,
                                                max_tasks_per_child=1) as executor:
        for n, worker in executor.map(task, range(3)):
            print(f"task {n} ran in {worker}")

    if "fork" in multiprocessing.get_all_start_methods():  # not on Windows
        fork = multiprocessing.get_context("fork")
        try:
            concurrent.futures.ProcessPoolExecutor(mp_context=fork, max_tasks_per_child=1)
        except ValueError as error:
            print(f"with a fork context: ValueError: {error}")
