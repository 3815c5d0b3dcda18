#!/usr/bin/env python3
"""Another program that attaches to a shared memory block removes it when it exits."""

import os
import subprocess
import sys
import time
import traceback
from multiprocessing import shared_memory

# A separate program (here python -c) that opens the block by name, reads it and closes it.
READER = """
import sys
from multiprocessing import shared_memory
block = shared_memory.SharedMemory(name=sys.argv[1])
print("reader: read", bytes(block.buf[:5]))
block.close()
"""

if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=5)
    block.buf[:5] = b"hello"
    subprocess.run([sys.executable, "-c", READER, block.name], check=True)
    block.close()
    for _ in range(200):  # wait (10 s at most) until the block is gone from /dev/shm
        if not os.path.exists(f"/dev/shm/{block.name}"):
            break
        time.sleep(0.05)
    try:
        block.unlink()
    except FileNotFoundError as exc:
        print("owner: unlink():", *traceback.format_exception_only(exc), end="")
