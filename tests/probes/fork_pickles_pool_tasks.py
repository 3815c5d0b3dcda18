#!/usr/bin/env python3
"""Under fork too, a pool pickles task arguments and results; a Process's args are not pickled."""

import multiprocessing
import multiprocessing.pool


def call(function):
    return function()


def make_lambda():
    return lambda: None


if __name__ == "__main__":
    ctx = multiprocessing.get_context("fork")
    # A Process's arguments are inherited: a lambda is fine.
    child = ctx.Process(target=call, args=(lambda: None,))
    child.start()
    child.join()
    assert child.exitcode == 0
    with ctx.Pool(1) as pool:
        # A task's arguments are pickled: a lambda fails.
        try:
            pool.apply(call, (lambda: None,))
        except Exception as error:
            assert "pickle" in str(error).lower(), repr(error)
        else:
            raise AssertionError("a pool task's lambda argument was not pickled")
        # A result is pickled on its way back: a lambda result fails.
        try:
            pool.apply(make_lambda)
        except multiprocessing.pool.MaybeEncodingError:
            pass
        else:
            raise AssertionError("a lambda came back from a worker")
