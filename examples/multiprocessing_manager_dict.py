#!/usr/bin/env python3
"""A Manager's dict and list, shared by several workers through proxies."""

import multiprocessing


def measure(word, lengths, log):
    lengths[word] = len(word)
    log.append(f"measured {word}")


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:  # starts the manager's process
        lengths = manager.dict()
        log = manager.list()
        words = ["ant", "beetle", "cicada", "dragonfly"]
        workers = [multiprocessing.Process(name=f"measure-{w}", target=measure,
                                           args=(w, lengths, log))
                   for w in words]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print("lengths:", dict(sorted(lengths.items())))
        print("log:", sorted(log))
    # the manager's process has been shut down here; the proxies no longer work
