#!/usr/bin/env python3
"""parent_process() from inside a child; active_children() from the parent."""

import multiprocessing


def reporter():
    parent = multiprocessing.parent_process()
    print(f"reporter: my parent is {parent.name}, alive: {parent.is_alive()}")


def sleeper(stop):
    stop.wait()


if __name__ == "__main__":
    print(f"main: my parent_process() is {multiprocessing.parent_process()}")
    stop = multiprocessing.Event()
    report = multiprocessing.Process(name="reporter", target=reporter)
    sleepers = [multiprocessing.Process(name=f"sleeper-{n}", target=sleeper,
                                        args=(stop,)) for n in (1, 2)]
    report.start()
    for p in sleepers:
        p.start()
    report.join()
    names = sorted(p.name for p in multiprocessing.active_children())
    print(f"main: still running: {names}")
    stop.set()
    for p in sleepers:
        p.join()
    print(f"main: still running after join: {multiprocessing.active_children()}")
