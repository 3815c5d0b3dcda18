#!/usr/bin/env python3
"""The fork server's children share the random state the script made at import."""

import multiprocessing
import random

import numpy as np

RNG = np.random.default_rng()  # made when the script is imported


def draw(results):
    results.put((np.random.random(), RNG.random(), random.random()))


if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")  # the lesson is its
    results = ctx.Queue()
    children = [ctx.Process(target=draw, args=(results,)) for _ in range(3)]
    for child in children:
        child.start()
    draws = [results.get() for _ in children]
    for child in children:
        child.join()
    names = ("NumPy's global generator", "RNG = default_rng() at import", "the random module")
    for index, name in enumerate(names):
        same = len({draw[index] for draw in draws}) == 1
        print(f"{name}:", "the same number in every child" if same else "a new number in each")
