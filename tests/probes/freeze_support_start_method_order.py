#!/usr/bin/env python3
"""freeze_support() then set_start_method() works here, and acts on Linux only from 3.14 on."""

import multiprocessing
import multiprocessing.spawn
import sys

CALLS = []


def frozen_child_check(method):
    """Whether freeze_support() would run a frozen spawn child, with `method` chosen."""
    multiprocessing.set_start_method(method, force=True)
    saved = sys.argv, getattr(sys, "frozen", None), multiprocessing.spawn.spawn_main
    # What a frozen program's spawn child is started with.
    sys.argv, sys.frozen = ["app", "--multiprocessing-fork", "pipe_handle=7"], True
    multiprocessing.spawn.spawn_main = lambda **kwds: CALLS.append(kwds)
    CALLS.clear()
    try:
        multiprocessing.freeze_support()
    except SystemExit:  # it ran the child's work, then exits
        pass
    finally:
        sys.argv, sys.frozen, multiprocessing.spawn.spawn_main = saved
        if saved[1] is None:
            del sys.frozen
        multiprocessing.set_start_method(None, force=True)
    return bool(CALLS)


if __name__ == "__main__":
    # The article's order: freeze_support() first, then set_start_method().
    # It raised "context has already been set" on 3.13.4-3.13.12 and
    # 3.14.0-3.14.3 (cited: gh-80334, fixed by gh-140814); not on these.
    multiprocessing.freeze_support()
    assert multiprocessing.get_start_method(allow_none=True) is None
    multiprocessing.set_start_method("spawn")
    # The order that is safe on every release: set_start_method() first.
    multiprocessing.set_start_method(None, force=True)
    multiprocessing.set_start_method("spawn")
    multiprocessing.freeze_support()
    multiprocessing.set_start_method(None, force=True)
    # On Linux, CPython's own freeze_support() acts in a frozen program only
    # from 3.14 on (3.13.4 on the 3.13 line), and then only under spawn or
    # with no method chosen yet; before, only on Windows.
    if sys.platform == "linux":
        acts = sys.version_info >= (3, 14)
        assert frozen_child_check("spawn") is acts
        assert frozen_child_check(None) is acts
        assert frozen_child_check("fork") is False
        assert frozen_child_check("forkserver") is False
