"""Make the start method named in EXAMPLE_START_METHOD the default.

The test suite puts this directory on PYTHONPATH when it runs an example, so
every example runs unchanged under fork, spawn and forkserver.
"""

import os

_method = os.environ.get("EXAMPLE_START_METHOD")
if _method:
    import multiprocessing

    multiprocessing.set_start_method(_method)
