#!/usr/bin/env python3
"""A NumPy array in shared memory, summed by executor workers, whatever ends the program."""

import signal
import sys

ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler: note it, raise nothing
    global ctrl_c
    ctrl_c = True


if __name__ == "__main__":  # first, so a Ctrl-C during the slow imports below is noted
    signal.signal(signal.SIGINT, note_ctrl_c)

import concurrent.futures  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from concurrent.futures.process import BrokenProcessPool  # noqa: E402
from multiprocessing import resource_tracker, shared_memory  # noqa: E402

import numpy as np  # noqa: E402

ROWS, COLS, CHUNK = 2_000, 500, 50  # 8 MB of float64; a chunk of rows is one task
JANITOR = """import os, shutil, sys, tempfile
folder = tempfile.mkdtemp(prefix="array-")
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


def start_worker(name, shape, dtype):  # each worker's initializer
    global block, matrix  # kept for the worker's whole life: no close() needed
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    hold_sigint(False)
    threading.Thread(target=watch_parent, args=(multiprocessing.parent_process(),),
                     daemon=True).start()
    block = shared_memory.SharedMemory(name=name)
    matrix = np.ndarray(shape, dtype, buffer=block.buf)  # a view: nothing is copied


def new_block(size):
    """A new block of shared memory that the resource tracker knows before it exists."""
    name = f"array_{secrets.token_hex(6)}"
    if os.name == "posix":  # SharedMemory tells the tracker only once the block is made:
        resource_tracker.register(f"/{name}", "shared_memory")  # killed in between, it stays
    return shared_memory.SharedMemory(name=name, create=True, size=size)


def row_sums(first):
    if first == crash_at:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    time.sleep(0.1)  # the rest of the work
    return matrix[first:first + CHUNK].sum(axis=1).tolist()


def sum_rows(matrix, name):
    """Sum every row in the workers; return {first row of a chunk: sums}, and whether one died."""
    hold_sigint(True)  # workers are born with SIGINT held back
    executor = concurrent.futures.ProcessPoolExecutor(
        4, initializer=start_worker, initargs=(name, matrix.shape, matrix.dtype.str))
    chunks, sums, died = {}, {}, False
    try:
        for first in range(0, ROWS, CHUNK):
            chunks[executor.submit(row_sums, first)] = first
    except (BrokenProcessPool, OSError):  # a worker died already (OSError: as one started)
        died = True
    hold_sigint(False)
    pending = set(chunks)
    while pending and not ctrl_c:
        done, pending = concurrent.futures.wait(
            pending, timeout=0.1, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in done:
            try:
                sums[chunks[future]] = future.result()
            except BrokenProcessPool:  # a worker died: this chunk is not summed
                died = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # from here on a Ctrl-C changes nothing
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + 5
    for worker in multiprocessing.active_children():
        worker.join(max(0, deadline - time.monotonic()))  # a bounded wait...
        if worker.exitcode is None:
            worker.terminate()  # ...then terminate() what still runs
            worker.join()
    return sums, died


crash_at = 1000 if sys.argv[1:] == ["crash"] else None  # this chunk kills its worker

if __name__ == "__main__":
    if hasattr(os, "posix_spawn"):  # where multiprocessing puts its own files too
        os.environ["TMPDIR"] = tempfile.tempdir = own_temporary_folder()
    shape, dtype = (ROWS, COLS), np.dtype(np.float64)
    size = ROWS * COLS * dtype.itemsize
    if os.path.isdir("/dev/shm") and shutil.disk_usage("/dev/shm").free < size:
        sys.exit(f"/dev/shm has {shutil.disk_usage('/dev/shm').free // 2**20} MB free; "
                 f"the array needs {size // 2**20} MB")  # Docker gives 64 MB
    block = new_block(size)
    try:
        matrix = np.ndarray(shape, dtype, buffer=block.buf)
        try:
            matrix[:] = np.arange(ROWS * COLS).reshape(shape) % 10
            sums, died = sum_rows(matrix, block.name)
            expected = matrix.sum(axis=1)  # a new array, not a view
        finally:
            del matrix  # no view may outlive close(): reading it would crash
    finally:
        block.close()
        block.unlink()  # the owner frees the block, once, whatever happened
    right = all(sums[first] == expected[first:first + CHUNK].tolist() for first in sums)
    print(f"{len(sums) * CHUNK} of {ROWS} row sums done, all equal to the parent's: {right}")
    if len(sums) * CHUNK < ROWS:
        print("A worker died:" if died else "Interrupted:",
              f"{ROWS - len(sums) * CHUNK} rows were not summed")
    sys.exit(0 if len(sums) * CHUNK == ROWS else 1 if died else 130)
