#!/usr/bin/env python3
"""Pass arguments to the function a child process runs."""

import multiprocessing


def worker(number, word):
    print(f"Worker {number} got {word!r}")


if __name__ == "__main__":
    words = ["alpha", "beta", "gamma"]
    workers = [multiprocessing.Process(target=worker, args=(number, word))
               for number, word in enumerate(words)]
    for p in workers:
        p.start()  # all three run at the same time
    for p in workers:
        p.join()
