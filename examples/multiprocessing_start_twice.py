#!/usr/bin/env python3
"""A Process object starts once: run the work again with a new one."""

import multiprocessing


def work(n):
    print(f"work({n}) ran")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, args=(1,))
    p.start()
    p.join()
    try:
        p.start()
    except AssertionError as exc:
        print("second start(): AssertionError:", exc)
    again = multiprocessing.Process(target=work, args=(2,))  # the fix
    again.start()
    again.join()
