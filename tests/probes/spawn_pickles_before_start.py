#!/usr/bin/env python3
"""Windows spawn starts the child, then pickles (POSIX: the reverse); empty: "Ran out of input"."""

import multiprocessing
import os
import pickle
from pathlib import Path

LIB = Path(multiprocessing.__file__).parent


def square(x):
    return x * x


if __name__ == "__main__":
    windows = (LIB / "popen_spawn_win32.py").read_text(encoding="utf-8")
    assert windows.index("_winapi.CreateProcess(") < windows.index("reduction.dump(process_obj")
    posix = (LIB / "popen_spawn_posix.py").read_text(encoding="utf-8")
    assert posix.index("reduction.dump(process_obj") < posix.index("util.spawnv_passfds(")
    # So on POSIX an unpicklable target starts no child at all.
    child = multiprocessing.get_context("spawn").Process(target=lambda: None)
    try:
        child.start()
    except Exception:
        pass
    else:
        raise AssertionError("a lambda was pickled")
    assert child.pid is None and multiprocessing.active_children() == []
    # What a child reads from a pipe its parent closed before writing anything.
    read, write = os.pipe()
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        try:
            pickle.load(pipe)
        except EOFError as error:
            assert str(error) == "Ran out of input", error
        else:
            raise AssertionError("an empty pipe unpickled")
