#!/usr/bin/env python3
"""SharedMemory: one process creates a block, another attaches to it by name."""

import multiprocessing
from multiprocessing import shared_memory


def shout(block_name, length):
    block = shared_memory.SharedMemory(name=block_name)  # attach, do not create
    text = bytes(block.buf[:length]).decode()
    block.buf[:length] = text.upper().encode()
    block.close()  # this process is done with it; the block lives on


if __name__ == "__main__":
    message = b"hello, shared memory"
    block = shared_memory.SharedMemory(create=True, size=len(message))
    try:
        block.buf[:len(message)] = message
        p = multiprocessing.Process(name="shouter", target=shout,
                                    args=(block.name, len(message)))
        p.start()
        p.join()
        print("after the child:", bytes(block.buf[:len(message)]).decode())
    finally:
        block.close()
        block.unlink()  # the creator frees the block, exactly once
