#!/usr/bin/env python3
"""A batch job over 10,000 inputs: progress, failures, Ctrl-C, a dead worker or parent."""

import signal
import sys

ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler: note it, raise nothing
    global ctrl_c
    ctrl_c = True


if __name__ == "__main__":  # first, so a Ctrl-C during the slow imports below is noted
    signal.signal(signal.SIGINT, note_ctrl_c)

import concurrent.futures  # noqa: E402  (slow imports, such as NumPy's, go here)
import multiprocessing  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from concurrent.futures.process import BrokenProcessPool  # noqa: E402
from multiprocessing import resource_tracker  # noqa: E402

INPUTS, CHUNK = 10_000, 100
CHUNKS = range(0, INPUTS, CHUNK)  # the first input of each chunk
JANITOR = """import os, shutil, sys, tempfile
folder = tempfile.mkdtemp(prefix="batch-")
try:
    os.write(1, folder.encode())  # tell the program where
    sys.stdin.read()  # returns once every process that holds the pipe has ended
except OSError:  # the program had already ended
    pass
shutil.rmtree(folder, ignore_errors=True)
"""


def own_temporary_folder():
    """A folder for this program's temporary files, removed when it ends, even by SIGKILL."""
    stdin, _ = os.pipe()  # its other end stays open here, and in forked workers, till they end
    answer, stdout = os.pipe()
    os.posix_spawn(sys.executable, [sys.executable, "-I", "-c", JANITOR], os.environ,
                   file_actions=[(os.POSIX_SPAWN_DUP2, stdin, 0),
                                 (os.POSIX_SPAWN_DUP2, stdout, 1)],
                   setsid=True,  # a session of its own: Ctrl-C does not reach it,
                   setsigmask={signal.SIGINT})  # not even while it is being started
    os.close(stdin)
    os.close(stdout)
    folder = os.read(answer, 4096).decode()
    os.close(answer)
    if not folder:
        raise OSError("the janitor did not start")
    return folder


def hold_sigint(hold):
    """Hold SIGINT back (True) or let it through (False). POSIX only."""
    if hasattr(signal, "pthread_sigmask"):  # Windows has no signal masks
        if hold and sys.version_info < (3, 14):  # there, starting the resource tracker
            resource_tracker.ensure_running()  # lets SIGINT through: start it first
        how = signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK
        signal.pthread_sigmask(how, {signal.SIGINT})


def watch_parent(parent):  # a thread in each worker
    parent.join()  # returns once the parent has ended, however it ended
    os._exit(1)  # nobody is left to take this worker's results


def start_worker():  # each worker's initializer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    hold_sigint(False)
    threading.Thread(target=watch_parent, args=(multiprocessing.parent_process(),),
                     daemon=True).start()


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
    if hasattr(os, "posix_spawn"):  # where multiprocessing puts its own files too
        os.environ["TMPDIR"] = tempfile.tempdir = own_temporary_folder()
    # To test under each start method: START_METHOD=spawn python3 this_script.py
    context = multiprocessing.get_context(os.environ.get("START_METHOD"))
    hold_sigint(True)  # workers are born with SIGINT held back
    executor = concurrent.futures.ProcessPoolExecutor(2, mp_context=context,
                                                    initializer=start_worker)
    chunks, finished, failed, died = {}, set(), [], False
    try:
        for first in CHUNKS:
            chunks[executor.submit(check_chunk, first)] = first
    except (BrokenProcessPool, OSError):  # a worker died already, even as one
        died = True  # started (an OSError): the other chunks stay unsent
    hold_sigint(False)
    pending = set(chunks)
    while pending and not ctrl_c:
        done, pending = concurrent.futures.wait(
            pending, timeout=0.1, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in done:
            try:
                failed += future.result()
            except BrokenProcessPool:  # a worker died: this chunk is not checked
                died = True
                continue
            finished.add(chunks[future])
            if (checked := len(finished) * CHUNK) % (INPUTS // 10) == 0:
                print(f"{checked * 100 // INPUTS:3d}% ({checked} of {INPUTS})")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # from here on a Ctrl-C changes nothing
    executor.shutdown(wait=False, cancel_futures=True)  # the running chunks go on
    deadline = time.monotonic() + 5
    for worker in multiprocessing.active_children():
        worker.join(max(0, deadline - time.monotonic()))  # a bounded wait...
        if worker.exitcode is None:
            worker.terminate()  # ...then terminate() what still runs
            worker.join()
    print(f"{len(finished) * CHUNK - len(failed)} inputs succeeded, {len(failed)} failed:")
    for n, error in sorted(failed):
        print(f"  input {n}: {error}")
    unchecked = [first for first in CHUNKS if first not in finished]
    if unchecked:
        print("A worker died:" if died else "Interrupted:",
              f"{len(unchecked) * CHUNK} inputs were not checked,",
              f"the first of them {unchecked[0]}")
    sys.exit(0 if not unchecked else 1 if died else 130)
