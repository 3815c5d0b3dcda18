#!/usr/bin/env python3
"""A proxy whose manager has stopped raises a connection error."""

import multiprocessing
import threading
from multiprocessing.managers import SyncManager


def use(label, shared):
    try:
        shared.get("key")
    except (EOFError, OSError) as exc:
        print(f"{label}: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    # Wrong: each with block stops its manager, and the proxy outlives it.
    with multiprocessing.Manager() as manager:  # listens on a socket file
        shared = manager.dict()
    use("new connection, socket file", shared)
    with SyncManager(address=("127.0.0.1", 0)) as manager:  # listens on a TCP port
        shared = manager.dict()
    use("new connection, TCP port", shared)

    manager = multiprocessing.Manager()
    shared = manager.dict(key=1)
    use("manager running", shared)  # works, and keeps its connection open
    manager.shutdown()
    use("open connection", shared)

    manager = multiprocessing.Manager()
    queue = manager.Queue()
    stopper = threading.Timer(0.2, manager.shutdown)
    stopper.start()
    try:
        queue.get()  # waits for an item; the manager stops first
    except EOFError:
        print("waiting for a reply: EOFError")
