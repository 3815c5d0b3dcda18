#!/usr/bin/env python3
"""Run the queue server and two workers on this machine, with a fresh random key."""

import os
import pathlib
import secrets
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent

if __name__ == "__main__":
    env = dict(os.environ, QUEUE_AUTHKEY=secrets.token_hex(32))
    server = subprocess.Popen(
        [sys.executable, HERE / "multiprocessing_remote_server.py", "127.0.0.1:0"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    first = server.stdout.readline()  # "... serving on 127.0.0.1:PORT"
    address = first.split()[-1]
    workers = [
        subprocess.Popen([sys.executable, HERE / "multiprocessing_remote_worker.py", address],
                         env=env)
        for _ in range(2)
    ]
    codes = [worker.wait() for worker in workers]
    rest, _ = server.communicate()  # closes the server's stdin: it stops
    print(first.replace(address, "127.0.0.1:<port>"), end="")  # the port varies
    print(f"demo: both workers exited, with codes {codes}")
    print(rest, end="")
    print(f"demo: server exited with code {server.returncode}")
