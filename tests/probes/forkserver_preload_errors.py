#!/usr/bin/env python3
"""The fork server skips a preload module that raises ImportError; any other error kills it."""

import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = """\
import multiprocessing, sys

def work():
    pass

if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(sys.argv[1].split(","), **eval(sys.argv[2]))
    child = ctx.Process(target=work)
    try:
        child.start()
    except Exception as error:
        print(type(error).__name__, *getattr(error, "__notes__", []))
    else:
        child.join()
        print("started", child.exitcode)
"""


def start_one(folder, modules, on_error=None, flags=(), stderr=None):
    """What start() printed with the server preloading ``modules``."""
    out = subprocess.run([sys.executable, *flags, "job.py", ",".join(modules),
                          repr({"on_error": on_error} if on_error else {})],
                         cwd=folder, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    if stderr is not None:
        stderr.append(out.stderr)
    return out.stdout.strip()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "job.py").write_text(SCRIPT)
        Path(folder, "broken.py").write_text("raise RuntimeError('not an ImportError')\n")
        # A module that is not there: skipped, the child starts.
        assert start_one(folder, ["no_such_module"]) == "started 0"
        # A module that raises anything else: the server dies, start() fails.
        died = "EOFError" if sys.version_info < (3, 14) else "ConnectionResetError"
        assert start_one(folder, ["broken"]) == died
        if sys.version_info >= (3, 15):
            # The same with on_error="ignore" (3.15's default) or "warn".
            assert start_one(folder, ["broken"], "ignore") == died
            assert start_one(folder, ["broken"], "warn") == died
            # on_error="warn": an ImportWarning, shown only with -X dev.
            quiet, loud = [], []
            assert start_one(folder, ["no_such_module"], "warn", stderr=quiet) == "started 0"
            assert start_one(folder, ["no_such_module"], "warn", ["-X", "dev"],
                             stderr=loud) == "started 0"
            assert "ImportWarning" not in quiet[0] and "ImportWarning" in loud[0], loud
            # on_error="fail": a missing module stops the server, with a note.
            assert start_one(folder, ["no_such_module"], "fail").startswith(
                "ConnectionResetError Forkserver process may have crashed during module "
                "preloading")
