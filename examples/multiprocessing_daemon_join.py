#!/usr/bin/env python3
"""join() waits for a daemon process just as it does for any other."""

import multiprocessing
import time


def background():
    print("daemon: started")
    time.sleep(0.5)
    print("daemon: finished")


if __name__ == "__main__":
    d = multiprocessing.Process(name="daemon", target=background, daemon=True)
    d.start()
    d.join()
    print(f"main: daemon exit code {d.exitcode}")
