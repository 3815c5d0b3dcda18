#!/usr/bin/env python3
"""A QueueHandler queues a copy of a record: message merged with args and traceback, no exc_info."""

import logging
import logging.handlers
import multiprocessing

if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        queue = multiprocessing.get_context(method).Queue()
        logger = logging.getLogger(f"probe-{method}")
        logger.propagate = False
        logger.addHandler(logging.handlers.QueueHandler(queue))
        try:
            raise ValueError("bad record")
        except ValueError:
            logger.error("input %d failed", 7, exc_info=True, extra={"input": 7})
        record = queue.get(timeout=10)
        # The message and its arguments are merged, the traceback is text.
        assert record.msg == record.message == record.getMessage(), record.msg
        first, *rest = record.msg.splitlines()
        assert first == "input 7 failed", record.msg
        assert rest[0].startswith("Traceback") and rest[-1] == "ValueError: bad record", rest
        assert record.args is None and record.exc_info is None and record.exc_text is None
        assert record.stack_info is None
        # Everything else arrives: level, names, the process, extra fields.
        assert (record.levelname, record.name, record.input) == ("ERROR", logger.name, 7)
        assert record.processName == "MainProcess"
        # A formatter on the QueueHandler is applied before the record leaves.
        logger.handlers[0].setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
        logger.warning("input %d looks odd", 8)
        assert queue.get(timeout=10).msg == "[WARNING] input 8 looks odd"
        queue.close()
        queue.join_thread()
