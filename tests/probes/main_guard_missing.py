#!/usr/bin/env python3
"""Without the __main__ guard a child fails and a Pool loops; the 3.14 fork server dies instead."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROCESS = """\
import multiprocessing, sys

def work():
    print("the worker ran", flush=True)

child = multiprocessing.get_context(sys.argv[1]).Process(target=work)
child.start()
child.join()
print("parent goes on, child exit code", child.exitcode, flush=True)
"""

POOL = """\
import multiprocessing, sys

def work(x):
    return x

with multiprocessing.get_context(sys.argv[1]).Pool(2) as pool:
    print(pool.map(work, range(3)), flush=True)
"""


def run(folder, script, method, seconds, enough=None):
    """(exit status, or None if still running, and the output) after ``seconds``,
    or as soon as ``enough`` lines naming RuntimeError have come."""
    process = subprocess.Popen([sys.executable, script, method], cwd=folder, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    lines, stopped = [], False
    timer = threading.Timer(seconds, os.killpg, (process.pid, signal.SIGKILL))
    timer.start()
    try:
        for line in process.stdout:
            lines.append(line)
            if enough and sum("RuntimeError" in seen for seen in lines) >= enough:
                stopped = process.poll() is None
                break
        else:  # the output ended: the program ends too
            process.wait()
    finally:
        timer.cancel()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        lines += process.stdout.readlines()
        process.wait()
    still_running = stopped
    return (None if still_running else process.returncode), "".join(lines)


if __name__ == "__main__":
    # 3.14.1 and later 3.14 releases: the server imports the script and dies.
    server_dies = (3, 14, 1) <= sys.version_info < (3, 15)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "process.py").write_text(PROCESS)
        Path(folder, "pool.py").write_text(POOL)
        code, out = run(folder, "process.py", "fork", 20)
        assert (code, out) == (0, "the worker ran\nparent goes on, child exit code 0\n"), out
        for method in ("spawn", "forkserver"):
            code, out = run(folder, "process.py", method, 20)
            if method == "forkserver" and server_dies:
                assert code == 1 and out.count("Traceback") == 2, out
                assert out.rstrip().endswith("ConnectionResetError: [Errno 104] "
                                             "Connection reset by peer"), out
            else:
                assert code == 0 and out.count("Traceback") == 1, out
                assert "RuntimeError" in out and "child exit code 1" in out, out
            code, out = run(folder, "pool.py", method, 20, enough=3)
            if method == "forkserver" and server_dies:
                assert code == 1 and "ConnectionResetError" in out, out
            else:
                # Still running, a traceback for every replacement worker.
                assert code is None and out.count("RuntimeError") >= 3, out
