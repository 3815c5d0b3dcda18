#!/usr/bin/env python3
"""Under fork a worker inherits the parent's log handlers, so basicConfig() needs force=True."""

import logging
import logging.handlers
import multiprocessing
import os
import tempfile


def configure(log_queue, force, answers):
    logging.basicConfig(handlers=[logging.handlers.QueueHandler(log_queue)],
                        level=logging.INFO, force=force)
    answers.put([type(h).__name__ for h in logging.getLogger().handlers])


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        to_file = logging.FileHandler(os.path.join(folder, "job.log"))
        logging.basicConfig(handlers=[to_file], level=logging.INFO)
        for method in ("fork", "spawn", "forkserver"):
            context = multiprocessing.get_context(method)
            log_queue, answers = context.Queue(), context.Queue()
            for force in (False, True):
                child = context.Process(target=configure, args=(log_queue, force, answers))
                child.start()
                handlers = answers.get(timeout=30)
                child.join()
                inherited = method == "fork" and not force
                assert handlers == (["FileHandler"] if inherited else ["QueueHandler"]), (
                    method, force, handlers)
        to_file.close()
