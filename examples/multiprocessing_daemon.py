#!/usr/bin/env python3
"""A daemon process does not keep the program alive: it is stopped at exit."""

import multiprocessing
import time


def background(ready):
    print("daemon: started", flush=True)  # it never exits normally
    ready.set()
    time.sleep(10)
    print("daemon: this line is never printed")


def foreground():
    print("worker: started")
    time.sleep(0.2)
    print("worker: finished")


if __name__ == "__main__":
    ready = multiprocessing.Event()
    d = multiprocessing.Process(name="daemon", target=background, args=(ready,),
                                daemon=True)
    w = multiprocessing.Process(name="worker", target=foreground)

    d.start()
    ready.wait()  # only so the output is the same every run
    w.start()
    w.join()
    print(f"main: exiting, daemon still alive: {d.is_alive()}")
