#!/usr/bin/env python3
"""How many write() calls a child makes for one line of output (Linux: /proc/self/io)."""

import logging
import multiprocessing
import os
import sys


def writes():
    """How many write() calls this process has made so far."""
    with open("/proc/self/io") as io:
        return int(dict(line.split(": ") for line in io.read().splitlines())["syscw"])


def count(name, write_a_line):
    before = writes()
    write_a_line()
    done = writes() - before
    sys.stderr.write(f"{name}: {done} write{'s' if done > 1 else ''}\n")


def child():
    logging.basicConfig(format="%(message)s", stream=sys.stdout)
    count("print(line)", lambda: print("a line"))
    count("sys.stdout.write(line + newline)", lambda: sys.stdout.write("a line\n"))
    count("logging", lambda: logging.warning("a line"))
    sys.stdout.reconfigure(line_buffering=True, write_through=False)
    count("print(line), line-buffered", lambda: print("a line"))


if __name__ == "__main__":
    print("PYTHONUNBUFFERED =", os.environ.get("PYTHONUNBUFFERED", "(not set)"), flush=True)
    worker = multiprocessing.Process(target=child)
    worker.start()
    worker.join()
