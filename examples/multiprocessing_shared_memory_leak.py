#!/usr/bin/env python3
"""A SharedMemory block that is closed but never unlinked: the resource tracker warns."""

from multiprocessing import shared_memory

if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=64)
    block.buf[:5] = b"hello"
    block.close()  # detaches this process; the block itself lives on
    print("closed the block, forgot to unlink it")
