#!/usr/bin/env python3
"""Spawn, a child dead before it reads 1 MB of process: BrokenPipeError from 3.14.1, else a hang."""

import fcntl
import multiprocessing
import os
import stat
import sys
import threading
import time

if __name__ == "__mp_main__":
    os._exit(3)  # the spawned child dies while it imports this script, before it reads


def work(data):
    pass


def zombie_children():
    """The pids of this process's children that have died and were not waited for."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] == "Z" and int(fields[1]) == os.getpid():
                found.append(int(entry))
    return found


def read_ends():
    """This process's open fds that are the read end of a pipe."""
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and \
                    fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
                yield fd
        except OSError:
            pass


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=work, args=(b"x" * 1_000_000,))  # 1 MB: far more than a pipe holds
    outcome = []

    def start():
        try:
            child.start()
            outcome.append("returned")
        except BaseException as error:
            outcome.append(type(error).__name__)

    before = set(read_ends())
    starter = threading.Thread(target=start, daemon=True)
    starter.start()
    if sys.version_info >= (3, 14, 1):
        starter.join(10)
        assert outcome == ["BrokenPipeError"], outcome
    else:
        # The child is dead, and start() still waits: nobody will ever read.
        deadline = time.monotonic() + 10
        while not zombie_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        dead = zombie_children()
        assert dead, "the child did not die"
        time.sleep(1)
        assert starter.is_alive() and outcome == [], outcome
        # Clean up: read the pipe empty in the child's place, so start() returns.
        for fd in set(read_ends()) - before:
            os.set_blocking(fd, False)
        while starter.is_alive():
            for fd in set(read_ends()) - before:
                try:
                    os.read(fd, 1 << 16)
                except OSError:
                    pass
            starter.join(0.01)
        assert outcome == ["returned"], outcome
        child.join(10)
        assert child.exitcode == 3, child.exitcode
