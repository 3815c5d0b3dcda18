#!/usr/bin/env python3
"""Starting a process from get_context("spawn") no longer fixes the start method (3.14.3)."""

import multiprocessing
import sys


def work():
    pass


if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=work)
    child.start()
    child.join()
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError as error:
        assert str(error) == "context has already been set", error
        assert sys.version_info < (3, 14), "3.14.3 fixed this (gh-109263)"
    else:
        assert sys.version_info >= (3, 14), "3.11.7, 3.12.1, 3.13.0 raised here"
