#!/usr/bin/env python3
"""An unrelated program that attaches to a block removes it at its exit; from 3.13, track=False."""

import os
import subprocess
import sys
import time
from multiprocessing import resource_tracker, shared_memory

ATTACH = """\
import sys
from multiprocessing import shared_memory
kwargs = {"track": False} if sys.argv[2] == "untracked" else {}
shared_memory.SharedMemory(sys.argv[1], **kwargs).close()
"""


def attach_elsewhere(name, how):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([sys.executable, "-c", ATTACH, name, how], env=env, text=True,
                          capture_output=True, timeout=30)
    return done.returncode, done.stderr


def exists(name):
    try:
        shared_memory.SharedMemory(name, create=False).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    new = sys.version_info >= (3, 13)
    block = shared_memory.SharedMemory(create=True, size=16)
    code, err = attach_elsewhere(block.name, "tracked")
    assert code == 0, err
    # Its own tracker removed the block when it ended, and said so.
    assert "leaked shared_memory objects" in err, err
    assert (block.name in err) == new, err  # 3.13 adds the names
    assert not exists(block.name)
    resource_tracker.unregister(block._name, "shared_memory")  # gone: nothing to do at exit
    block.close()

    block = shared_memory.SharedMemory(create=True, size=16)
    try:
        code, err = attach_elsewhere(block.name, "untracked")
        if new:
            assert code == 0 and "leaked" not in err, err
            time.sleep(0.2)
            assert exists(block.name)
        else:
            assert code == 1 and "TypeError" in err and "track" in err, err
    finally:
        block.close()
        block.unlink()
