#!/usr/bin/env python3
"""A Lock keeps each process's record in a shared file in one piece."""

import multiprocessing
import os
import tempfile
import time


def write_record(path, lock):
    name = multiprocessing.current_process().name
    with lock:
        with open(path, "a") as journal:
            for part in ("begin", "middle", "end"):
                journal.write(f"{name} {part}\n")
                journal.flush()
                time.sleep(0.01)  # without the lock, others write here


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "journal.txt")
        writers = [multiprocessing.Process(name=f"writer-{i}", target=write_record,
                                           args=(path, lock))
                   for i in range(3)]
        for w in writers:
            w.start()
        for w in writers:
            w.join()
        with open(path) as journal:
            owners = [line.split()[0] for line in journal]
    for w in writers:
        pieces = sum(1 for i, owner in enumerate(owners)
                     if owner == w.name and (i == 0 or owners[i - 1] != owner))
        print(f"{w.name}: {owners.count(w.name)} lines in {pieces} piece(s)")
