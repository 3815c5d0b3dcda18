#!/usr/bin/env python3
"""get_logger() with a handler of your own, set up again in each child."""

import logging
import multiprocessing
import sys


def setup_logging():
    logger = multiprocessing.get_logger()
    if not logger.handlers:  # a forked child already has the parent's handler
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter(
            "%(levelname)-7s %(processName)-11s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
    return logger


def worker(n):
    logger = setup_logging()
    logger.warning("processing item %d", n)
    if n == 2:
        logger.error("item %d is broken", n)


if __name__ == "__main__":
    logger = setup_logging()
    workers = [multiprocessing.Process(name=f"worker-{n}", target=worker, args=(n,))
               for n in range(1, 3)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    logger.warning("all items done")
