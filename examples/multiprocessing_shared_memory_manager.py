#!/usr/bin/env python3
"""SharedMemoryManager: every block it made is unlinked when its with-block ends."""

import multiprocessing
from multiprocessing import shared_memory
from multiprocessing.managers import SharedMemoryManager


def count_up(block_name, slot):
    block = shared_memory.SharedMemory(name=block_name)
    block.buf[slot] = slot + 1
    block.close()


if __name__ == "__main__":
    with SharedMemoryManager() as manager:
        block = manager.SharedMemory(size=4)  # the manager will unlink it
        name = block.name
        workers = [multiprocessing.Process(target=count_up, args=(name, slot))
                   for slot in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print("inside the with-block:", list(block.buf[:4]))
        block.close()
    try:
        shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        print("after the with-block: the block is gone")
