#!/usr/bin/env python3
"""A killed worker breaks a ProcessPoolExecutor for good; a new one retries the rest."""

import concurrent.futures
import multiprocessing
import os
import signal
from concurrent.futures.process import BrokenProcessPool


def work(n, attempt):
    if n == 2 and attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n * n


def run_batch(items, attempt):
    results, lost = {}, []
    # One worker keeps the order fixed. Spawn, because a broken executor's
    # threads may still be ending when the next one starts its worker.
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as executor:
        futures = {n: executor.submit(work, n, attempt) for n in items}
        for n, future in futures.items():
            try:
                results[n] = future.result()
            except BrokenProcessPool:
                lost.append(n)
        try:
            executor.submit(work, 0, attempt)
        except BrokenProcessPool:
            print("  submit() on this executor now raises BrokenProcessPool")
    print(f"attempt {attempt}: {len(results)} results, lost {lost}")
    return results, lost


if __name__ == "__main__":
    results, lost = run_batch(range(6), attempt=1)
    retried, lost = run_batch(lost, attempt=2)  # a new executor works again
    results.update(retried)
    print("all results:", [results[n] for n in sorted(results)])
