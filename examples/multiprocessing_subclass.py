#!/usr/bin/env python3
"""A subclass of Process keeps its settings in attributes and overrides run()."""

import multiprocessing


class Countdown(multiprocessing.Process):

    def __init__(self, start_at, **kwargs):
        super().__init__(**kwargs)
        self.start_at = start_at
        self.launched = False

    def run(self):
        numbers = " ".join(str(n) for n in range(self.start_at, 0, -1))
        print(f"{self.name}: {numbers}, lift-off")
        self.launched = True  # changes the child's copy only


if __name__ == "__main__":
    countdowns = [Countdown(3, name="countdown-3"), Countdown(5)]
    for p in countdowns:
        p.start()
    for p in countdowns:
        p.join()
    for p in countdowns:
        print(f"main: {p.name} exitcode={p.exitcode}, launched={p.launched}")
