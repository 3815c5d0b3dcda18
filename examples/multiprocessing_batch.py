#!/usr/bin/env python3
"""A batch job over 10,000 inputs: progress, failures, Ctrl-C and a dead worker."""

import signal
import sys

ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler: note it, raise nothing
    global ctrl_c
    ctrl_c = True


if __name__ == "__main__":  # first, so a Ctrl-C during the slow imports below is noted
    signal.signal(signal.SIGINT, note_ctrl_c)

import concurrent.futures  # noqa: E402  (slow imports, such as NumPy's, go here)
import os  # noqa: E402
import time  # noqa: E402
from concurrent.futures.process import BrokenProcessPool  # noqa: E402
from multiprocessing import resource_tracker  # noqa: E402

INPUTS, CHUNK = 10_000, 100


def hold_sigint(hold):
    """Hold SIGINT back (True) or let it through (False). POSIX only."""
    if hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        if hold:  # on 3.11-3.13, starting the resource tracker lets SIGINT through
            resource_tracker.ensure_running()
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def start_worker():  # each worker's initializer: Ctrl-C is the parent's business
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    hold_sigint(False)


def check(n):
    if n == crash_at:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    if n % 4000 == 1234:
        raise ValueError(f"record {n} is corrupt")
    return n * n


def check_chunk(first):
    """Check one chunk of inputs; return (input, error) for each that failed."""
    time.sleep(0.02)  # the rest of the work
    failed = []
    for n in range(first, min(first + CHUNK, INPUTS)):
        try:
            check(n)
        except Exception as error:  # one bad input costs only its own result
            failed.append((n, repr(error)))
    return failed


crash_at = 9950 if sys.argv[1:] == ["crash"] else None  # this input kills its worker

if __name__ == "__main__":
    hold_sigint(True)  # workers are born with SIGINT held back
    executor = concurrent.futures.ProcessPoolExecutor(2, initializer=start_worker)
    chunks = {executor.submit(check_chunk, first): first for first in range(0, INPUTS, CHUNK)}
    hold_sigint(False)
    pending, checked, failed, lost = set(chunks), 0, [], []
    while pending and not ctrl_c:
        done, pending = concurrent.futures.wait(
            pending, timeout=0.1, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in done:
            try:
                failed += future.result()
                checked += CHUNK
                if checked % (INPUTS // 10) == 0:
                    print(f"{checked * 100 // INPUTS:3d}% ({checked} of {INPUTS})")
            except BrokenProcessPool:
                lost.append(chunks[future])  # a worker died: this chunk is not checked
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # from here on a Ctrl-C changes nothing
    executor.shutdown(cancel_futures=True)  # waits for the chunks that are running
    stopped = ctrl_c and checked + len(lost) * CHUNK < INPUTS
    print(f"{checked - len(failed)} inputs succeeded, {len(failed)} failed:")
    for n, error in sorted(failed):
        print(f"  input {n}: {error}")
    if lost:
        print(f"A worker died: {len(lost) * CHUNK} inputs were not checked,",
              f"the first of them {min(lost)}")
    if stopped:
        print(f"Interrupted: {INPUTS - checked} inputs not checked")
    sys.exit(130 if stopped else 1 if lost else 0)
