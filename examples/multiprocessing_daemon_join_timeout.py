#!/usr/bin/env python3
"""join() with a timeout gives up waiting; is_alive() tells what happened."""

import multiprocessing
import time


def background():
    time.sleep(10)
    print("daemon: this line is never printed")


if __name__ == "__main__":
    d = multiprocessing.Process(name="daemon", target=background, daemon=True)
    d.start()
    d.join(timeout=0.5)
    print(f"after join(timeout=0.5): alive={d.is_alive()}, exitcode={d.exitcode}")
