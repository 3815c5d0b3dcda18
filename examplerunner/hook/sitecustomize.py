"""Loaded by every Python process an example starts (the runner puts this
folder on PYTHONPATH).

* ``EXAMPLERUNNER_READY``, set for the example's own process only, names a
  file to create once Python has started, just before the script runs. It
  also gives the example Python's usual Ctrl-C handling even if the runner
  ignores SIGINT.
* ``EXAMPLE_START_METHOD`` names the start method to make the default, so
  every example runs unchanged under fork, spawn and forkserver.
* ``EXAMPLERUNNER_LOG`` names a file where each file opened under the
  folders in ``EXAMPLERUNNER_WATCH`` is noted, ``r`` or ``w`` and its path,
  so the runner knows what an example read and can refuse one that writes
  there.
"""

import os
import signal
import sys

_ready = os.environ.pop("EXAMPLERUNNER_READY", None)
if _ready and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    # The runner was started with SIGINT ignored (a shell's background job
    # is), and the example inherited that. Give it a terminal's Ctrl-C, as
    # Python sets it up at start. Popped: the example's own children keep
    # whatever the example gives them.
    signal.signal(signal.SIGINT, signal.default_int_handler)

_method = os.environ.get("EXAMPLE_START_METHOD")
if _method:
    import multiprocessing

    multiprocessing.set_start_method(_method)


def _watch(log_path, folders):
    folders = tuple(os.path.join(f, "") for f in folders.split(os.pathsep) if f)
    try:
        log = os.open(log_path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    changes = {"os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate",
               "shutil.rmtree"}  # os.replace() raises os.rename

    def note(kind, path, dir_fd=None):
        try:
            path = os.fsdecode(path)
            if dir_fd is not None and not os.path.isabs(path):
                path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
            path = os.path.abspath(path)
        except (TypeError, ValueError, OSError):
            return
        if path.startswith(folders) and "__pycache__" not in path:
            try:
                os.write(log, f"{kind} {path}\n".encode())
            except OSError:
                pass

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            mode, flags = args[1] or "", args[2] or 0
            written = any(c in str(mode) for c in "wax+") or flags & writes
            note("w" if written else "r", args[0])
        elif event in changes and args and isinstance(args[0], (str, bytes, os.PathLike)):
            dir_fd = {"os.rename": args[2:3], "os.truncate": ()}.get(event, args[-1:])
            dir_fd = dir_fd[0] if dir_fd else None
            note("w", args[0], dir_fd if isinstance(dir_fd, int) else None)

    sys.addaudithook(hook)


if os.environ.get("EXAMPLERUNNER_LOG"):
    _watch(os.environ["EXAMPLERUNNER_LOG"], os.environ.get("EXAMPLERUNNER_WATCH", ""))

if _ready:
    os.close(os.open(_ready, os.O_WRONLY | os.O_CREAT, 0o600))
