#!/usr/bin/env python3
"""Run the same worker under every start method and show what the child sees."""

import multiprocessing

SETTING = "as imported"

if __name__ != "__main__":  # only in a process that imports this script
    print(f"{'import':<10}: the script runs again, as module {__name__!r}")


def show(method):
    print(f"{method:<10}: SETTING = {SETTING!r}")


if __name__ == "__main__":
    SETTING = "changed in __main__"
    print(f"{'parent':<10}: SETTING = {SETTING!r}")
    for method in sorted(multiprocessing.get_all_start_methods()):
        ctx = multiprocessing.get_context(method)
        p = ctx.Process(target=show, args=(method,))
        p.start()
        p.join()
