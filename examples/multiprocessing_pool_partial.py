#!/usr/bin/env python3
"""Several arguments per task: functools.partial fixes some, starmap() unpacks the rest."""

import functools
import multiprocessing


def resize(path, width, height, quality):
    return f"{path} -> {width}x{height} at quality {quality}"


if __name__ == "__main__":
    paths = ["a.png", "b.png"]
    sizes = [(640, 480), (320, 240)]
    # The same quality for every task: fix it once; a partial pickles like its function.
    job = functools.partial(resize, quality=85)
    with multiprocessing.Pool(2) as pool:
        # What varies per task goes in tuples, one tuple per call.
        calls = [(path, width, height) for path, (width, height) in zip(paths, sizes, strict=True)]
        for line in pool.starmap(job, calls):
            print(line)
