#!/usr/bin/env python3
"""Independent, reproducible random streams per task with SeedSequence.spawn()."""

import multiprocessing

import numpy as np


def simulate(task, seed):
    rng = np.random.default_rng(seed)  # a generator of this task's own
    return task, rng.random(3).round(4).tolist()


if __name__ == "__main__":
    seeds = np.random.SeedSequence(2024).spawn(4)  # one child seed per task
    with multiprocessing.Pool(2) as pool:
        for task, values in pool.starmap(simulate, enumerate(seeds)):
            print(f"task {task}: {values}")
