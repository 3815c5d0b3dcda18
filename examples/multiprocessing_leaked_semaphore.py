#!/usr/bin/env python3
"""A process killed while it owns a named semaphore leaves it to the tracker."""

import multiprocessing
import time


def owner(ready):
    lock = multiprocessing.Lock()  # created here, so only this process frees it
    with lock:
        ready.set()
        time.sleep(10)  # killed long before this ends


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")  # fork would unlink it at once
    ready = ctx.Event()
    p = ctx.Process(name="owner", target=owner, args=(ready,))
    p.start()
    ready.wait()
    p.kill()  # SIGKILL: no finally, no atexit, no cleanup
    p.join()
    print(f"main: the owner was killed, exit code {p.exitcode}")
    print("main: exiting")
