#!/usr/bin/env python3
"""A kept Process object holds two descriptors until close(): 128 allowed run out near 60."""

import subprocess
import sys

SCRIPT = """\
import multiprocessing, resource, sys

def work():
    pass

if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))
    ctx = multiprocessing.get_context(sys.argv[1])
    finished = []
    for number in range(1, 80):
        child = ctx.Process(target=work)
        try:
            child.start()
        except OSError as error:
            print(number, error.errno)
            break
        child.join()
        if sys.argv[2] == "close":
            child.close()
        finished.append(child)
    else:
        print("all started")
"""

if __name__ == "__main__":
    for method in ("fork", "forkserver"):
        out = subprocess.run([sys.executable, "-c", SCRIPT, method, "keep"],
                             capture_output=True, text=True, timeout=60)
        # Two descriptors a process: 128 run out after about 60 processes (256
        # after about 125); the exact number depends on what else is open.
        number, errno = map(int, out.stdout.split())
        assert 55 <= number <= 64 and errno == 24, (method, out.stdout, out.stderr)
        out = subprocess.run([sys.executable, "-c", SCRIPT, method, "close"],
                             capture_output=True, text=True, timeout=60)
        assert out.stdout.strip() == "all started", (method, out.stdout, out.stderr)
