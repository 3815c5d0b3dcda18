"""Ctrl-C, sent as a terminal sends it, stops each example that handles it cleanly.

A terminal's Ctrl-C sends SIGINT to every process of its foreground process
group, workers included. These tests do the same to the examples that handle
KeyboardInterrupt, at several moments of their run: while they start their
workers, while the workers are busy, and when the example is already shutting
down after interrupting itself (a second Ctrl-C). Each time the example must
exit within a few seconds with status 130 (or 0, if it had already finished
its work), print no traceback, and leave no process behind.

``multiprocessing_ctrlc_default.py`` is left out on purpose: it shows what
happens *without* these precautions, and a Ctrl-C while its workers start
prints the tracebacks its section warns about.

The two templates of the real-programs chapter (the batch job and the
pipeline) are swept at many moments, from their imports to their exit.
``paver test`` runs every example under the default start method, the
templates at every other moment; ``EXAMPLE_MATRIX=full`` (tox, CI) runs
every moment under every start method.
"""

import multiprocessing
import os

import pytest
from races import without_exit_wakeup_race

import examplerunner

FULL = os.environ.get("EXAMPLE_MATRIX") == "full"
METHODS = [m for m in ("fork", "spawn", "forkserver")
           if m in multiprocessing.get_all_start_methods()]
if not FULL:
    METHODS = [multiprocessing.get_start_method()]

# Seconds after the start at which SIGINT arrives, and the exit statuses
# that are right. The Ctrl-C examples interrupt themselves after about 0.6 s
# of work, so the last moments hit them while they clean up. The templates
# run for about a second and a half unless interrupted: the first moments
# hit them while they import and start their workers, the last ones while
# they shut down or after they finished (status 0 is then right).
CASES = {
    "multiprocessing_ctrlc_pool.py": ((0.25, 0.5, 0.8, 1.0), {130}),
    "multiprocessing_ctrlc_executor.py": ((0.25, 0.5, 0.8, 1.0), {130}),
    # It presses Ctrl-C itself while its workers start; before 0.1 s the
    # signal can land during its imports, as in ctrlc_pool.
    "multiprocessing_timeline_ctrlc.py": ((0.15, 0.2, 0.25), {130}),
    "multiprocessing_pipeline.py": ((0.05, 0.1, 0.2, 0.35, 0.5, 0.9, 1.3, 1.8), {130, 0}),
    "multiprocessing_batch.py": ((0.05, 0.1, 0.2, 0.35, 0.5, 0.9, 1.3, 1.8), {130, 0}),
    "multiprocessing_logging_file.py": ((0.05, 0.1, 0.2, 0.35, 0.5, 0.9, 1.3, 1.8), {130, 0}),
    "multiprocessing_shared_array.py": ((0.05, 0.1, 0.2, 0.35, 0.5, 0.9, 1.3, 1.8), {130, 0}),
}
TEMPLATES = ("multiprocessing_pipeline.py", "multiprocessing_batch.py",
             "multiprocessing_logging_file.py", "multiprocessing_shared_array.py")


def moments(script):
    """The moments this run tests: a template's every other one unless FULL."""
    chosen = CASES[script][0]
    return chosen if FULL or script not in TEMPLATES else chosen[::2]


# Examples that catch KeyboardInterrupt but are not programs that survive a
# terminal's Ctrl-C, each with the reason.
NOT_INTERRUPTIBLE = {
    "multiprocessing_ctrlc_default.py": "shows what happens without the precautions",
    "multiprocessing_interrupt.py": "catches it in the child only, to show what "
                                    "Process.interrupt() does; the parent takes no precautions",
}

GRACE = 4.0
"""Seconds an example may take to stop after Ctrl-C, on a machine with a core to spare."""

MOST = 60.0
"""The most the allowance grows to under load: a hang still fails, a minute later."""


def grace(load=None, cores=None):
    """Seconds to allow for the stop, given the machine's load.

    On a machine whose run queue is longer than its cores (load average 19
    on 2 cores, as when several test suites share it), each process gets a
    slice of a core: stops that pass within 4 s on a quiet machine failed
    there. The allowance grows with the load per core, up to ``MOST``; an
    example that hangs never stops, so it still fails.
    """
    load = os.getloadavg()[0] if load is None else load
    cores = cores or os.cpu_count() or 1
    return min(MOST, GRACE * max(1.0, load / cores))


def interrupted_run(script, moment, method, statuses):
    """Output and exit status of ``script`` sent SIGINT ``moment`` s after it started."""
    try:
        result = examplerunner.run(script, interrupt_after=moment, returncode=130,
                                   start_method=method, dev_mode=True,
                                   timeout=moment + grace())
        return result.output, 130
    except examplerunner.ExampleError as error:
        # run() compares the status exactly: an example that had finished
        # before SIGINT came exits with 0, which is right for some.
        if 0 in statuses and "exited with status 0," in str(error):
            return error.output, 0
        raise


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("script", "moment"),
                         [(s, t) for s in CASES for t in moments(s)])
def test_ctrl_c_stops_the_example_cleanly(script, moment, method):
    statuses = CASES[script][1]
    output, status = interrupted_run(script, moment, method, statuses)
    output = without_exit_wakeup_race(script, output)
    assert "Traceback" not in output, output
    assert "Exception ignored" not in output, output
    if status == 130:  # a clear message says what was stopped
        assert "nterrupted" in output or "Ctrl-C" in output, output


def test_every_example_that_handles_ctrl_c_is_interrupted_here():
    # Catching KeyboardInterrupt is one way; a SIGINT handler of its own another.
    catching = {p.name for p in examplerunner.EXAMPLES.glob("*.py")
                if any(word in p.read_text(encoding="utf-8")
                       for word in ("KeyboardInterrupt", "SIGINT"))}
    assert catching == set(CASES) | set(NOT_INTERRUPTIBLE)


def test_the_allowance_for_a_stop_grows_with_load_but_not_without_bound():
    assert grace(load=0.5, cores=2) == GRACE
    assert grace(load=19, cores=2) == GRACE * 9.5  # the load under which 4 s failed
    assert grace(load=500, cores=2) == MOST
