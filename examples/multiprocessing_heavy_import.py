#!/usr/bin/env python3
"""Slow top-level code runs again in every spawned child that imports the script."""

import multiprocessing
import time


def load_model():
    time.sleep(0.2)  # stands for reading a large model from disk
    print(f"{multiprocessing.current_process().name}: model loaded", flush=True)
    return {"scale": 3}


MODEL = load_model()  # top level: every process that imports the script runs it


def predict(x):
    return x * MODEL["scale"]


if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")  # as on macOS and Windows
    with spawn.Pool(2) as pool:
        print("predictions:", pool.map(predict, [1, 2, 3, 4]), flush=True)
        pool.close()
        pool.join()  # every worker has started, loaded and ended
