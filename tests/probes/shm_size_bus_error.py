#!/usr/bin/env python3
"""A SharedMemory bigger than /dev/shm is made; filling it: SIGBUS (a file write: errno 28)"""

import os
import shutil
import signal
import subprocess
import sys

CHILD = """\
import shutil
from multiprocessing import shared_memory
print(shutil.disk_usage("/dev/shm").free // 2**20, flush=True)
try:
    with open("/dev/shm/probe", "wb") as file:  # through a file, not a mapping
        file.write(b"x" * 8 * 2**20)
except OSError as error:
    print(error.errno, flush=True)
block = shared_memory.SharedMemory(create=True, size=8 * 2**20)
print("created", flush=True)
block.buf[:] = b"x" * block.size
print("filled", flush=True)
"""

if __name__ == "__main__":
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"):
        print("not checked: needs Linux, root and unshare(1) to mount a small /dev/shm")
        sys.exit(0)
    # A mount namespace of its own: the 4 MB /dev/shm is seen by this child only.
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         'mount -t tmpfs -o size=4m tmpfs /dev/shm && exec "$0" -c "$1"',
         sys.executable, CHILD], capture_output=True, text=True, timeout=30)
    assert done.stdout.split() == ["4", "28", "created"], (done.stdout, done.stderr)
    assert done.returncode == -signal.SIGBUS, (done.returncode, done.stderr)
