#!/usr/bin/env python3
"""Name processes, and let a process find out its own name."""

import multiprocessing


def report():
    name = multiprocessing.current_process().name
    print(f"{name} is running")


if __name__ == "__main__":
    print(f"The parent is called {multiprocessing.current_process().name}")

    named = multiprocessing.Process(name="downloader", target=report)
    unnamed = multiprocessing.Process(target=report)
    print(f"Before start: {named.name}, {unnamed.name}")

    for p in (named, unnamed):
        p.start()
    for p in (named, unnamed):
        p.join()

    unnamed.name = "renamed"
    print(f"After renaming: {unnamed.name}")
