#!/usr/bin/env python3
"""A batch job over 10,000 inputs: progress every 10%, then which inputs failed."""

import multiprocessing


def check(n):
    """Return (input, result, error): never raise, so a bad input costs only itself."""
    try:
        if n % 4000 == 1234:
            raise ValueError(f"record {n} is corrupt")
        return n, n * n, None
    except Exception as error:
        return n, None, repr(error)


if __name__ == "__main__":
    items = range(10_000)
    total, failed = 0, []
    with multiprocessing.Pool(2) as pool:
        outcomes = pool.imap_unordered(check, items, chunksize=100)
        for done, (n, result, error) in enumerate(outcomes, 1):
            if error:
                failed.append((n, error))
            else:
                total += result
            if done % (len(items) // 10) == 0:
                print(f"{done * 100 // len(items):3d}% ({done} of {len(items)})")
    print(f"{len(items) - len(failed)} inputs succeeded, {len(failed)} failed:")
    for n, error in sorted(failed):
        print(f"  input {n}: {error}")
