#!/usr/bin/env python3
"""Serve a job queue and a result queue over TCP, then collect every result."""

import os
import queue
import sys
from multiprocessing.managers import BaseManager

JOBS = queue.Queue()
RESULTS = queue.Queue()


def get_jobs():
    return JOBS


def get_results():
    return RESULTS


class QueueManager(BaseManager):
    pass


QueueManager.register("jobs", callable=get_jobs)
QueueManager.register("results", callable=get_results)

if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50000"
    host, _, port = address.rpartition(":")
    authkey = os.environ.get("QUEUE_AUTHKEY") or sys.exit("server: QUEUE_AUTHKEY is not set")
    with QueueManager(address=(host, int(port)), authkey=authkey.encode()) as manager:
        jobs, results = manager.jobs(), manager.results()
        numbers = range(1, 11)
        for n in numbers:
            jobs.put(n)
        host, port = manager.address  # the real port, if the one asked for was 0
        print(f"server: {len(numbers)} jobs queued, serving on {host}:{port}", flush=True)
        done = sorted(results.get() for _ in numbers)
        print(f"server: all {len(done)} results are in:", *done)
        sys.stdout.flush()
        sys.stdin.read()  # serve until standard input ends (Ctrl-D, or the launcher)
    print("server: stopped")
