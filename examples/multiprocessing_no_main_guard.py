#!/usr/bin/env python3
"""Without a __main__ guard, a spawned child starts a process while it imports the script."""

import multiprocessing


def work():
    print("the worker ran")


# Wrong on purpose: these lines belong under if __name__ == "__main__":.
# Spawn runs them again in the child, as it imports this script.
ctx = multiprocessing.get_context("spawn")
child = ctx.Process(target=work)
child.start()
child.join()
print(f"parent: the child's exit code is {child.exitcode}")
