#!/usr/bin/env python3
"""A frozen program without freeze_support(): its spawned child runs the program from the top."""

import argparse
import multiprocessing.spawn
import sys


def main(argv):
    parser = argparse.ArgumentParser(prog="app")
    parser.add_argument("--size", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"app: working with size {args.size}")


if __name__ == "__main__":
    sys.frozen = True  # as in a program built by PyInstaller
    # The arguments a spawned child gets on Windows (the numbers vary from run to run).
    argv = multiprocessing.spawn.get_command_line(parent_pid=4242, pipe_handle=560)[1:]
    print("the frozen program's child is started with:", *argv)
    main(argv)  # no freeze_support() first: the child parses them as its own
