#!/usr/bin/env python3
"""A joined Process keeps file descriptors open until close() releases them."""

import multiprocessing
import os


def work():
    pass


def open_fds():
    return len(os.listdir("/dev/fd"))  # Linux and macOS; not Windows


if __name__ == "__main__":
    first = multiprocessing.Process(target=work)  # lets the start method set up
    first.start()
    first.join()
    first.close()
    before = open_fds()
    workers = [multiprocessing.Process(target=work) for _ in range(20)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"20 processes joined: {open_fds() - before} descriptors still open")
    for w in workers:
        w.close()
    print(f"after close():       {open_fds() - before} descriptors still open")
    try:
        print(workers[0].exitcode)
    except ValueError as error:
        print(f"a closed Process object: ValueError: {error}")
