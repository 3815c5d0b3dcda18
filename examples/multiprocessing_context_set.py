#!/usr/bin/env python3
"""set_start_method() fails once the default context is fixed; get_context() never does."""

import multiprocessing


def work(method):
    print(f"worker started by {method}")


if __name__ == "__main__":
    # Asking for the start method (or making a Lock, a Queue, a Pool)
    # fixes the default; a later set_start_method() then fails.
    multiprocessing.get_start_method()
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError as exc:
        print(f"RuntimeError: {exc}")
    # The fix: a context object, chosen where the processes are made.
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=work, args=(ctx.get_start_method(),))
    child.start()
    child.join()
