#!/usr/bin/env python3
"""An executor takes no new task once shut down, as after its with block."""

import concurrent.futures


def double(x):
    return 2 * x


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        future = executor.submit(double, 21)
    print("submitted inside the block:", future.result())
    try:
        executor.submit(double, 4)  # wrong: the with block shut it down
    except RuntimeError as exc:
        print(f"submitted after the block: RuntimeError: {exc}")
