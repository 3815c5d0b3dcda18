#!/usr/bin/env python3
"""The exit code of a child tells how it ended."""

import multiprocessing
import signal
import sys
import time


def returns():
    pass


def exits():
    sys.exit(3)


def raises():
    raise RuntimeError("something went wrong")


def sleeps():
    time.sleep(10)


if __name__ == "__main__":
    children = [multiprocessing.Process(name=target.__name__, target=target)
                for target in (returns, exits, raises, sleeps)]
    for p in children:
        p.start()
    children[-1].terminate()  # the one that sleeps
    for p in children:
        p.join()
    for p in children:
        if p.exitcode < 0:
            how = f"killed by {signal.Signals(-p.exitcode).name}"
        else:
            how = "success" if p.exitcode == 0 else "failure"
        print(f"{p.name}: exitcode={p.exitcode} ({how})")
