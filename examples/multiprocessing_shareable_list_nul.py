#!/usr/bin/env python3
"""A ShareableList drops the NUL bytes at the end of a bytes or str item."""

import struct
from multiprocessing import shared_memory

if __name__ == "__main__":
    packed = struct.pack("<I", 7)  # the number 7 as four bytes, three of them NUL
    values = [packed, "tab\x00", b"\x00ok"]
    items = shared_memory.ShareableList(values)
    try:
        print(f"stored:    {values}")
        print(f"read back: {list(items)}")
        try:
            struct.unpack("<I", items[0])
        except struct.error as error:
            print(f"struct.unpack(): {error}")
    finally:
        items.shm.close()
        items.shm.unlink()
