#!/usr/bin/env python3
"""The words of two pickling errors per version: a local object, a name missing from __main__."""

import io
import pickle
import sys
from multiprocessing.reduction import ForkingPickler


def work():
    pass


def local():
    def work():
        pass

    return work


if __name__ == "__main__":
    try:
        ForkingPickler(io.BytesIO()).dump(local())
    except Exception as error:
        found = (type(error).__name__, str(error).split(" '")[0].split(" <")[0])
    if sys.version_info >= (3, 14):
        assert found == ("PicklingError", "Can't pickle local object"), found
    elif sys.version_info >= (3, 13):
        assert found == ("AttributeError", "Can't get local object"), found
    else:
        assert found == ("AttributeError", "Can't pickle local object"), found
    data = pickle.dumps(work)
    del work  # as in a child whose __main__ has no such function
    try:
        pickle.loads(data)
    except AttributeError as error:
        message = str(error)
    if sys.version_info >= (3, 14):
        assert message == "module '__main__' has no attribute 'work'", message
    else:
        assert message.startswith("Can't get attribute 'work' on <module '__main__'"), message
