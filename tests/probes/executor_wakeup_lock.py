#!/usr/bin/env python3
"""A lock guards the executor's wake-up pipe from 3.12.8 and 3.13.1 (gh-125451); 3.11 has none."""

import sys
import threading
from concurrent.futures import process

if __name__ == "__main__":
    fixed = sys.version_info >= (3, 13, 1) or (3, 12, 8) <= sys.version_info < (3, 13)
    wakeup = process._ThreadWakeup()
    # Without the lock, close() can shut the pipe between wakeup()'s check
    # and its write: the write then fails with "Bad file descriptor".
    assert hasattr(wakeup, "_lock") == fixed, (sys.version_info, vars(wakeup))
    if fixed:
        # close() waits while a wakeup() holds the lock.
        with wakeup._lock:
            closer = threading.Thread(target=wakeup.close)
            closer.start()
            closer.join(0.2)
            assert closer.is_alive()
        closer.join(5)
        assert not closer.is_alive()
    wakeup.close()
