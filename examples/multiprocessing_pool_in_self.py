#!/usr/bin/env python3
"""A method of an object holding a Pool cannot be sent to it; __getstate__ leaves the pool out."""

import multiprocessing


class Resizer:
    def __init__(self, width):
        self.width = width
        self.pool = multiprocessing.Pool(2)

    def resize(self, name):  # runs in a worker, on a copy of self
        return f"{name} at {self.width} px"

    def run(self, names):
        return self.pool.map(self.resize, names)  # pickles self.resize, and so self


class FixedResizer(Resizer):
    def __getstate__(self):  # what pickling sends: everything but the pool
        state = self.__dict__.copy()
        del state["pool"]
        return state

    def __setstate__(self, state):  # the worker's copy has no pool of its own
        self.__dict__.update(state, pool=None)


if __name__ == "__main__":
    for cls in (Resizer, FixedResizer):
        resizer = cls(640)
        try:
            print(f"{cls.__name__}: {resizer.run(['a.png', 'b.png'])}")
        except NotImplementedError as exc:
            print(f"{cls.__name__}: NotImplementedError: {exc}")
        resizer.pool.close()
        resizer.pool.join()
