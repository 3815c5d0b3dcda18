#!/usr/bin/env python3
"""3.15 adds set_forkserver_preload(on_error=) and names the valid type codes of Value()."""

import inspect
import multiprocessing
import sys

if __name__ == "__main__":
    new = sys.version_info >= (3, 15)
    preload = inspect.signature(multiprocessing.set_forkserver_preload).parameters
    assert ("on_error" in preload) is new
    if new:
        assert preload["on_error"].default == "ignore"
        for choice in ("ignore", "warn", "fail"):
            multiprocessing.get_context("forkserver").set_forkserver_preload([], on_error=choice)
        try:
            multiprocessing.set_forkserver_preload([], on_error="maybe")
        except ValueError:
            pass
        else:
            raise AssertionError("on_error='maybe' accepted")
    for make in multiprocessing.Value, multiprocessing.Array:
        try:
            make("z", 1)
        except TypeError as error:
            message = str(error)
        assert message == ("bad typecode (must be a ctypes type or one of c, b, B, u, h, H, "
                           "i, I, l, L, q, Q, f or d)" if new else "this type has no size"), message
