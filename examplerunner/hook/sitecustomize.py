"""Loaded by every Python process an example starts (the runner puts this
folder first on PYTHONPATH).

* ``EXAMPLERUNNER_READY``, set for the example's own process only, is a
  file descriptor the runner passed down: one byte written there says that
  Python has started and the script is about to run. The descriptor is then
  closed, so the script cannot reach it. It also gives the example Python's
  usual Ctrl-C handling even if the runner ignores SIGINT.
* ``EXAMPLE_START_METHOD`` names the start method to make the default, so
  every example runs unchanged under fork, spawn and forkserver.
"""

import os
import signal

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

if _ready:
    try:
        os.write(int(_ready), b"r")
        os.close(int(_ready))
    except (OSError, ValueError):
        pass
