#!/usr/bin/env python3
"""Turn on the module's debug log in a process that hangs, to see where."""

import logging
import multiprocessing


def producer(q):
    multiprocessing.log_to_stderr(logging.DEBUG)  # only in the suspect
    q.put(b"x" * 1_000_000)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(name="producer", target=producer, args=(q,))
    p.start()
    p.join(timeout=1)
    print(f"main: join(timeout=1) gave up, producer alive: {p.is_alive()}",
          flush=True)
    data = q.get()  # the log points at the queue: read it, then join
    p.join()
    print(f"main: got {len(data):,} bytes, producer exit code {p.exitcode}")
