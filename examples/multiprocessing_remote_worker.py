#!/usr/bin/env python3
"""Connect to a remote queue server and work until no job is left."""

import multiprocessing
import os
import queue
import sys
from multiprocessing.managers import BaseManager


class QueueManager(BaseManager):
    pass


QueueManager.register("jobs")
QueueManager.register("results")

if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50000"
    host, _, port = address.rpartition(":")
    authkey = os.environ.get("QUEUE_AUTHKEY") or sys.exit("worker: QUEUE_AUTHKEY is not set")
    manager = QueueManager(address=(host, int(port)), authkey=authkey.encode())
    try:
        manager.connect()
    except multiprocessing.AuthenticationError:
        sys.exit(f"worker: the server at {address} rejected our authkey")
    except OSError as error:
        sys.exit(f"worker: cannot connect to {address}: {error.strerror}")
    jobs, results = manager.jobs(), manager.results()
    while True:
        try:
            n = jobs.get_nowait()
        except queue.Empty:
            break
        results.put(n * n)
