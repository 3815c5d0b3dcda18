#!/usr/bin/env python3
"""A nested function or a lambda cannot be pickled for a spawned child."""

import multiprocessing
import traceback


def main():
    def work():
        print("the worker ran")

    ctx = multiprocessing.get_context("spawn")
    for target in (work, lambda: work()):
        try:
            ctx.Process(target=target).start()
        except Exception as exc:
            print(*traceback.format_exception_only(exc), sep="", end="")


if __name__ == "__main__":
    main()
