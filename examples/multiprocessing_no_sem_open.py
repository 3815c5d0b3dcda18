#!/usr/bin/env python3
"""Where sem_open() fails (AWS Lambda): no Lock, Queue or Pool, but Process and Pipe work."""

import _multiprocessing
import errno
import multiprocessing
import multiprocessing.synchronize
import os


class NoSemLock:  # stands in for a platform whose sem_open() fails with ENOSYS
    def __init__(self, *args, **kwargs):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))


def square(conn, x):
    conn.send(x * x)
    conn.close()


if __name__ == "__main__":
    _multiprocessing.SemLock = NoSemLock
    for name in ("Lock", "Queue", "Pool"):
        try:
            getattr(multiprocessing, name)()
        except OSError as exc:
            print(f"{name}(): OSError: {exc}")
    pipes = [multiprocessing.Pipe(duplex=False) for _ in range(3)]
    workers = [multiprocessing.Process(target=square, args=(send, x))
               for x, (_, send) in enumerate(pipes, 1)]
    for w in workers:
        w.start()
    print("Process and Pipe:", [recv.recv() for recv, _ in pipes])
    for w in workers:
        w.join()
