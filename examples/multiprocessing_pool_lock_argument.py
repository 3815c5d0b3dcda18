#!/usr/bin/env python3
"""Locks, queues, values and events cannot be a pool task's argument."""

import multiprocessing


def use(resource):
    return "never gets here"


if __name__ == "__main__":
    resources = {
        "Lock": multiprocessing.Lock(),
        "Queue": multiprocessing.Queue(),
        "Value": multiprocessing.Value("i", 0),
        "Event": multiprocessing.Event(),
    }
    with multiprocessing.Pool(1) as pool:
        for name, resource in resources.items():
            try:
                pool.apply(use, (resource,))
            except RuntimeError as error:
                print(f"{name}: RuntimeError: {error}")
