#!/usr/bin/env python3
"""A process that put data on a queue cannot end until that data is read."""

import multiprocessing


def producer(q, returned):
    q.put(b"x" * 1_000_000)  # more than the pipe under the queue holds
    print("producer: put() has returned, the function ends here")
    returned.set()


if __name__ == "__main__":
    q = multiprocessing.Queue()
    returned = multiprocessing.Event()
    p = multiprocessing.Process(name="producer", target=producer,
                                args=(q, returned))
    p.start()
    returned.wait()

    p.join(timeout=0.5)  # without a timeout this would wait forever
    print(f"main: after join(timeout=0.5) the producer is alive: {p.is_alive()}")

    data = q.get()  # drain the queue first...
    p.join()  # ...then join
    print(f"main: got {len(data):,} bytes, producer exit code {p.exitcode}")
