#!/usr/bin/env python3
"""Forked children inherit NumPy's random state and draw the same numbers (POSIX only)."""

import multiprocessing
import random

import numpy as np


def draw(task, results):
    results.put((task, round(np.random.random(), 4), random.random()))


if __name__ == "__main__":
    np.random.seed(7)  # or no seed at all: the state is copied either way
    ctx = multiprocessing.get_context("fork")  # the lesson is fork's; not on Windows
    results = ctx.Queue()
    children = [ctx.Process(target=draw, args=(task, results)) for task in range(3)]
    for child in children:
        child.start()
    draws = sorted(results.get() for _ in children)
    for child in children:
        child.join()
    for task, numpy_value, _ in draws:
        print(f"child {task}: NumPy drew {numpy_value}")
    distinct = len({value for _, _, value in draws})
    print(f"the random module drew {distinct} different numbers")
