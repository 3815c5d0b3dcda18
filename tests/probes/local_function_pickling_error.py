#!/usr/bin/env python3
"""A nested function fails to pickle: AttributeError to 3.13, PicklingError with notes from 3.14."""

import multiprocessing
import pickle
import sys


def main():
    def work():
        pass

    try:
        pickle.dumps((work,))
    except Exception as error:
        plain = error
    child = multiprocessing.get_context("spawn").Process(target=work)
    try:
        child.start()
    except Exception as error:
        started = error
    return plain, started


if __name__ == "__main__":
    plain, started = main()
    if sys.version_info >= (3, 14):
        for error in plain, started:
            assert type(error) is pickle.PicklingError, error
            assert str(error).startswith(
                "Can't pickle local object <function main.<locals>.work at 0x"), error
        assert plain.__notes__ == ["when serializing tuple item 0"], plain.__notes__
        assert started.__notes__[0] == "when serializing dict item '_target'", started.__notes__
    else:
        verb = "get" if sys.version_info >= (3, 13) else "pickle"
        for error in plain, started:
            assert type(error) is AttributeError, error
            assert str(error) == f"Can't {verb} local object 'main.<locals>.work'", error
