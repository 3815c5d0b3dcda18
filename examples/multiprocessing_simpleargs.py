#!/usr/bin/env python3
"""Pass arguments to the function a child process runs."""

import multiprocessing


def worker(number, word):
    print(f"Worker {number} got {word!r}")


if __name__ == "__main__":
    words = ["alpha", "beta", "gamma"]
    for number, word in enumerate(words):
        p = multiprocessing.Process(target=worker, args=(number, word))
        p.start()
        p.join()
