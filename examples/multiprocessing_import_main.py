#!/usr/bin/env python3
"""Run a target function imported from another module."""

import multiprocessing

import multiprocessing_import_worker

if __name__ == "__main__":
    p = multiprocessing.Process(target=multiprocessing_import_worker.worker)
    p.start()
    p.join()
