#!/usr/bin/env python3
"""A SharedMemory block is made without checking /dev/shm's space; filling it full: SIGBUS."""

import os
import shutil
import signal
import subprocess
import sys
from multiprocessing import shared_memory

# Run inside a private mount namespace with a 1 MB /dev/shm (needs root).
FULL = """\
import multiprocessing
from multiprocessing import shared_memory


def fill(name):
    block = shared_memory.SharedMemory(name=name)
    block.buf[:] = b"x" * block.size


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=8 * 2**20)  # 8 MB: no error
    child = multiprocessing.get_context("spawn").Process(target=fill, args=(block.name,))
    child.start()
    child.join()
    print(child.exitcode, flush=True)
    block.close()
    block.unlink()
"""


def full_dev_shm_exit_code():
    """The exit code of a child that fills a block bigger than /dev/shm, or None
    where no private 1 MB /dev/shm can be made here (not root, no unshare)."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        return None
    with open("full.py", "w", encoding="utf-8") as f:
        f.write(FULL)
    script = ("mount -t tmpfs -o size=1m tmpfs /dev/shm || exit 99\n"
              f'exec "{sys.executable}" full.py\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([unshare, "--mount", "--propagation", "private", "sh", "-c", script],
                          capture_output=True, text=True, timeout=60, env=env)
    if done.returncode == 99 or "unshare failed" in done.stderr:
        return None  # a container without the right to mount
    assert done.returncode == 0, done
    return int(done.stdout.split()[-1])


if __name__ == "__main__":
    # Creating a block far bigger than the free space of /dev/shm succeeds.
    free = shutil.disk_usage("/dev/shm").free
    block = shared_memory.SharedMemory(create=True, size=free + 2**30)
    assert block.size >= free + 2**30
    block.close()
    block.unlink()
    code = full_dev_shm_exit_code()
    if code is None:
        print("no private /dev/shm could be mounted here: only the first half was checked")
    else:
        assert code == -signal.SIGBUS, code
