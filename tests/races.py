"""Tracebacks from races inside CPython that an example can meet, and the article names.

An example's output is compared with the article. Where CPython itself,
on some versions, may add a traceback that the example cannot prevent, the
tests take out exactly that traceback, on exactly those versions, for the
examples the article says can meet it; any other traceback still fails.
"""

import re
import sys


def whole_lines(lines):
    """A pattern for the whole lines that ``lines`` matches, with one line break.

    The lines go with the break that sets them apart from the text before
    them, or, where they come first, with the break after them; so what is
    left is the output as the example would have printed it without them,
    whether they came first, between two lines or last (where the runner has
    stripped the output's final break).
    """
    return re.compile(rf"\n(?:{lines})(?=\n|\Z)|\A(?:{lines})(?:\n|\Z)")

# The executor's wake-up pipe, before CPython's fix for gh-125451 (3.12.8 and
# 3.13.1; never in 3.11): at exit, the interpreter wakes the executor's
# manager thread while that thread closes the pipe, and prints this
# traceback. The batch template shuts its executor down without waiting, so
# when it stops early (its "crash" run, a killed worker, Ctrl-C) its exit
# can meet it: seen on 3.11 under fork, under load, about one run in 30 to
# 120 (twice in about 50 runs of the examples' tests; once in 120 crash runs).
# The shared-array program shuts its executor down the same way. The
# realprograms-batch page says so.
EXIT_WAKEUP = whole_lines(
    r"Exception ignored in: <module 'threading' from [^\n]*>\n"
    r"Traceback \(most recent call last\):\n(?:  .*\n)*?"
    r'  File ".*concurrent/futures/process\.py", line \d+, in _python_exit\n'
    r"(?:  .*\n)*?OSError: \[Errno 9\] Bad file descriptor")
WAKEUP_RACE = sys.version_info[:3] < (3, 12, 8) or (3, 13) <= sys.version_info[:3] < (3, 13, 1)
MEET_WAKEUP_RACE = {"multiprocessing_batch.py", "multiprocessing_shared_array.py"}


def without_exit_wakeup_race(script, output):
    """``output`` without the gh-125451 traceback, where this Python and this script can meet it."""
    if WAKEUP_RACE and script in MEET_WAKEUP_RACE:
        return EXIT_WAKEUP.sub("", output)
    return output
