#!/usr/bin/env python3
"""From 3.14 an executor re-raises an exception whose truth value is false; before, it gave None."""

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


class Falsy(Exception):
    def __bool__(self):
        return False


def fail():
    raise Falsy("lost before 3.14")


if __name__ == "__main__":
    executors = [lambda: ThreadPoolExecutor(1)] + [
        lambda m=method: ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(m))
        for method in ("fork", "spawn", "forkserver")]
    for make in executors:
        with make() as executor:
            future = executor.submit(fail)
            try:
                result = future.result(timeout=20)
            except Falsy:
                assert sys.version_info >= (3, 14)
            else:
                assert sys.version_info < (3, 14) and result is None, result
