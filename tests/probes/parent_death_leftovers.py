#!/usr/bin/env python3
"""Parent SIGKILLed: watching workers end, the tracker frees its memory, forkserver leaves pymp."""

import glob
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from multiprocessing import shared_memory

MARK = "PARENT_DEATH_PROBE"


def watch(parent):
    parent.join()  # returns once the parent has ended, however it ended
    os._exit(1)


def watched():
    threading.Thread(target=watch, args=(multiprocessing.parent_process(),), daemon=True).start()
    time.sleep(60)


def unwatched():
    time.sleep(60)


def program(method):
    """The parent: a shared memory block, a watching worker, then one that does not watch."""
    context = multiprocessing.get_context(method)
    block = shared_memory.SharedMemory(create=True, size=4096)
    workers = [context.Process(target=target) for target in (watched, unwatched)]
    for w in workers:
        w.start()
    print(block.name, *(w.pid for w in workers), flush=True)
    time.sleep(60)


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def of_the_program(mark):
    """PIDs of the living processes that carry the program's mark (workers, tracker, server)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                if f"{MARK}={mark}".encode() in environ.read().split(b"\0") and running(pid):
                    found.append(int(pid))
        except OSError:
            continue
    return found


def within(seconds, condition):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def check(method):
    folder, mark = tempfile.mkdtemp(), uuid.uuid4().hex
    env = {**os.environ, "TMPDIR": folder, MARK: mark}
    with tempfile.TemporaryFile() as errors:
        parent = subprocess.Popen([sys.executable, __file__, method], env=env,
                                  stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            name, watcher, sibling = parent.stdout.readline().split()
            watcher, sibling = int(watcher), int(sibling)
            os.kill(parent.pid, signal.SIGKILL)
            parent.wait()
            if method == "fork":  # the sibling, forked later, holds the watched pipe too
                assert not within(1, lambda: not running(watcher)), "the watcher ended"
            else:
                assert within(10, lambda: not running(watcher)), f"{method}: the watcher lives"
            # The tracker waits for every process of the program: the sibling too.
            assert os.path.exists(f"/dev/shm/{name}"), f"{method}: freed while the sibling lived"
            os.kill(sibling, signal.SIGKILL)
            assert within(10, lambda: not running(watcher)), f"{method}: the watcher lives"
            assert within(10, lambda: not of_the_program(mark)), of_the_program(mark)
            assert within(10, lambda: not os.path.exists(f"/dev/shm/{name}")), "not freed"
            left = [os.path.basename(p) for p in glob.glob(os.path.join(folder, "*"))]
            if method == "forkserver":
                assert len(left) == 1 and left[0].startswith("pymp-"), left
            else:
                assert not left, left
        except Exception:
            errors.seek(0)
            sys.stderr.write(errors.read().decode())
            raise
        finally:
            for pid in of_the_program(mark):
                os.kill(pid, signal.SIGKILL)
            parent.stdout.close()
            subprocess.run(["rm", "-rf", folder], check=True)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        program(sys.argv[1])
    elif sys.platform == "linux":  # /proc and /dev/shm
        for method in ("fork", "spawn", "forkserver"):
            check(method)
