#!/usr/bin/env python3
"""A worker killed while it sends a log record holds the queue's lock for good."""

import logging
import logging.handlers
import multiprocessing
import os
import signal
import threading
import time


def work(log_queue, big):
    log = logging.getLogger("job")
    log.addHandler(logging.handlers.QueueHandler(log_queue))
    log.warning("%s", "x" * 1_000_000 if big else "a small record")
    if big:  # its feeder thread now waits, the queue's lock held, for the pipe
        time.sleep(1)  # to have room: nobody reads yet
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would


def waits(call, seconds):
    """Run call() in a thread; True if it has not returned after seconds."""
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    return thread.is_alive()


if __name__ == "__main__":
    log_queue = multiprocessing.Queue()
    first = multiprocessing.Process(target=work, args=(log_queue, True))
    first.start()
    first.join()
    print("the first worker died with exit code", first.exitcode)
    second = multiprocessing.Process(target=work, args=(log_queue, False))
    second.start()
    second.join(1)
    print("the second worker still runs after 1 s:", second.is_alive())
    listener = logging.handlers.QueueListener(log_queue, logging.NullHandler())
    listener.start()  # reads what is in the pipe, then waits for the rest
    print("listener.stop() still waits after 1 s:", waits(listener.stop, 1))
    second.terminate()
    second.join()
    log_queue.cancel_join_thread()  # the parent's end marker can never be sent
