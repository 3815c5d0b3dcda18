#!/usr/bin/env python3
"""What pickle can send to a worker, what it cannot, and cloudpickle for the rest."""

import functools
import multiprocessing
import pickle

import cloudpickle


class Tally:
    def __init__(self):
        self.calls = 0

    def double(self, x):
        self.calls += 1  # counts in the worker's copy of the object
        return 2 * x


def double(x):
    return 2 * x


def run_cloudpickled(payload, x):
    return cloudpickle.loads(payload)(x)


if __name__ == "__main__":
    tally = Tally()
    candidates = {
        "module-level function": double,
        "functools.partial": functools.partial(pow, exp=2),
        "bound method": tally.double,
        "lambda": lambda x: x + 1,
    }
    for name, function in candidates.items():
        try:
            pickle.dumps(function)
            print(f"{name}: pickles")
        except (pickle.PicklingError, AttributeError):
            print(f"{name}: does not pickle")
    with multiprocessing.Pool(2) as pool:
        results = pool.map(tally.double, [1, 2, 3])
        print(f"bound method: {results}, calls seen by the parent: {tally.calls}")
        payload = cloudpickle.dumps(candidates["lambda"])  # the code itself, not a name
        results = pool.starmap(run_cloudpickled, [(payload, x) for x in [1, 2, 3]])
        print(f"lambda through cloudpickle: {results}")
