#!/usr/bin/env python3
"""A target typed into an interactive session cannot be found by a spawned child."""

import subprocess
import sys

# What a reader might type at the >>> prompt or into a notebook cell.
SESSION = """
import multiprocessing

def work():
    print("the worker ran")

child = multiprocessing.get_context("spawn").Process(target=work)
child.start()
child.join()
print("the child's exit code is", child.exitcode)
"""

if __name__ == "__main__":
    # python -c runs the session as __main__ with no file behind it.
    subprocess.run([sys.executable, "-c", SESSION], check=True)
