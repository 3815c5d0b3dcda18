#!/usr/bin/env python3
"""log_to_stderr() sends multiprocessing's log, and the children's, to stderr."""

import logging
import multiprocessing


def worker():
    logger = multiprocessing.get_logger()
    logger.info("starting (below the level: not shown)")
    logger.warning("running low on disk space")


if __name__ == "__main__":
    logger = multiprocessing.log_to_stderr(logging.WARNING)
    p = multiprocessing.Process(name="worker", target=worker)
    p.start()
    p.join()
    logger.warning("the worker has finished")
