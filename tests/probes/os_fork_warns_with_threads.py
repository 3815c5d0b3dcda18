#!/usr/bin/env python3
"""From 3.12 os.fork() in a process with other threads warns (DeprecationWarning); 3.11 does not."""

import os
import sys
import threading
import warnings

if __name__ == "__main__":
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pid = os.fork()
        if pid == 0:
            os._exit(0)
    os.waitpid(pid, 0)
    stop.set()
    thread.join()
    messages = [str(w.message) for w in caught if w.category is DeprecationWarning]
    if sys.version_info >= (3, 12):
        assert any("is multi-threaded, use of fork() may lead to deadlocks" in m
                   for m in messages), messages
    else:
        assert messages == [], messages
