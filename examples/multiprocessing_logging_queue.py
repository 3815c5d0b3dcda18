#!/usr/bin/env python3
"""One log for many processes: workers hand records to a queue, the parent writes them."""

import logging
import logging.handlers
import multiprocessing


def work(log_queue, n):
    logger = logging.getLogger("batch")
    logger.addHandler(logging.handlers.QueueHandler(log_queue))
    logger.setLevel(logging.INFO)
    logger.info("started")
    if n == 2:
        logger.warning("input %d looks odd", n)
    logger.info("finished")


if __name__ == "__main__":
    log_queue = multiprocessing.Queue()
    handler = logging.StreamHandler()  # the only one that writes anything
    handler.setFormatter(logging.Formatter("%(processName)-11s %(levelname)-7s %(message)s"))
    listener = logging.handlers.QueueListener(log_queue, handler)
    workers = [multiprocessing.Process(target=work, args=(log_queue, n), name=f"worker-{n}")
               for n in (1, 2, 3)]
    for w in workers:
        w.start()
    listener.start()  # a thread: started after the workers, so fork copies none
    for w in workers:
        w.join()
    listener.stop()  # writes what is still queued, then ends its thread
