#!/usr/bin/env python3
"""SimpleQueue has no feeder thread: put() waits until the pipe takes the item."""

import multiprocessing


def producer(q, started, returned):
    started.set()
    q.put(b"x" * 1_000_000)  # more than the pipe holds: put() blocks here
    returned.set()


if __name__ == "__main__":
    q = multiprocessing.SimpleQueue()
    started = multiprocessing.Event()
    returned = multiprocessing.Event()
    p = multiprocessing.Process(name="producer", target=producer,
                                args=(q, started, returned))
    p.start()
    started.wait()
    print(f"main: put() returned within 0.5 s? {returned.wait(0.5)}")
    data = q.get()
    print(f"main: got {len(data):,} bytes; put() returned? {returned.wait(5)}")
    p.join()
    print(f"main: producer exit code {p.exitcode}")
    q.close()
