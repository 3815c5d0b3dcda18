"""The parent killed with SIGKILL at any moment: nothing of the program is left.

The kernel's out-of-memory killer picks the biggest process, often the
parent of a job, and ends it with SIGKILL, which no code of its own can
catch. These tests do the same to each example of the real-programs and
large-data chapters that starts long-lived workers, at several moments of
its run: while it imports and starts its workers, while they are busy, and
while it stops. After a bounded wait (the runner's ``LINGER``, 5 s) nothing
it made may be left:

* no process: the runner and the ``no_process_left`` fixture see every
  descendant, since the test is a child subreaper;
* no ``/dev/shm`` entry (shared memory, a named semaphore) that the parent
  or its workers had mapped when the parent was killed: the parent is
  stopped (SIGSTOP) an instant before the SIGKILL, so the list is complete;
  only glibc's temporary file of a semaphore being made is forgiven
  (``GLIBC_SEM_TEMPORARY``);
* nothing in the temporary folder the run was given (``TMPDIR``): not the
  fork server's ``pymp-*`` folder, not the program's own folder. Examples
  without a janitor for that folder are marked so, and only their processes
  and ``/dev/shm`` entries are judged.

The examples run through a pipe: the parent is then the runner's own child.

``paver test`` runs every other moment under the default start method;
``EXAMPLE_MATRIX=full`` (tox, CI) runs every moment under every method.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import psutil
import pytest
from test_interrupts import FULL, METHODS  # the same moments rule, the same methods
from test_worker_kill import MARK, example_process

import examplerunner

# Seconds after the example's process started at which it is killed, and
# whether it removes its temporary folder itself (a janitor). Every moment
# falls inside the run even on a fast machine: the templates' work takes at
# least 1 s of sleeps after their workers start, and the Ctrl-C examples
# interrupt themselves 0.6 s after theirs start (0.55 s under fork failed once in 30
# full runs under load, its output not kept: 0.5 leaves more room).
CASES = {
    "multiprocessing_batch.py": ((0.05, 0.15, 0.3, 0.5, 0.7, 0.9), True),
    "multiprocessing_pipeline.py": ((0.05, 0.15, 0.3, 0.5, 0.7, 0.9), True),
    "multiprocessing_logging_file.py": ((0.05, 0.15, 0.3, 0.5, 0.7, 0.9), True),
    "multiprocessing_shared_array.py": ((0.1, 0.3, 0.5, 0.7, 0.9, 1.1), True),
    "multiprocessing_ctrlc_executor.py": ((0.1, 0.25, 0.4, 0.5), False),
    "multiprocessing_ctrlc_pool.py": ((0.1, 0.25, 0.4, 0.5), False),
}
MOMENTS = [(script, moment) for script, (moments, _) in CASES.items()
           for i, moment in enumerate(moments) if FULL or i % 2 == 0]
GRACE = 10.0
# On Linux, glibc's sem_open() makes a new semaphore in a temporary file,
# /dev/shm/sem. and six random characters, maps it, links it to the
# semaphore's name and removes the temporary name (strace shows the four
# calls). A process stopped and killed in between leaves that file, and no
# code above the C library can prevent it: the module met it in 2 of 21
# full runs on 3.13 under load (ctrlc_pool killed 0.1 s in, as it makes its
# pool's locks, under fork and under spawn). multiprocessing's own names
# (sem.mp-...) do not match.
GLIBC_SEM_TEMPORARY = re.compile(r"/dev/shm/sem\.[A-Za-z0-9]{6}")
"""Seconds the example may run before it is killed (it is killed within about one)."""


def shared_memory_of(procs):
    """The /dev/shm entries that ``procs`` have mapped."""
    found = set()
    for proc in procs:
        try:
            for region in proc.memory_maps():
                path = region.path.removesuffix(" (deleted)")
                if path.startswith("/dev/shm/"):
                    found.add(path)
        except psutil.Error:
            continue
    return found


def kill_the_example(mark, moment, killed, mapped, stop):
    """Wait for the example, then SIGKILL it ``moment`` s after it started.

    It is stopped first, so that what it and its workers have mapped from
    /dev/shm is read while none of them can map more.
    """
    main, began = None, time.monotonic()
    while not stop.is_set() and main is None:
        main = example_process(mark)
        time.sleep(0.005)
    if main is None:
        killed.append("the killer never found the example")
        return
    found = f"found pid {main.pid} {time.monotonic() - began:.3f} s after the killer began"
    if stop.wait(moment):
        killed.append(f"{found}; it ended within {moment} s")
        return
    try:
        os.kill(main.pid, signal.SIGSTOP)
    except ProcessLookupError:
        killed.append(f"{found}; it was gone {moment} s later")
        return
    try:
        family = [main, *main.children(recursive=True)]
    except psutil.Error:
        family = [main]
    mapped |= shared_memory_of(family)
    os.kill(main.pid, signal.SIGKILL)
    killed.append(main.pid)  # an int: killed as planned


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("script", "moment"), MOMENTS)
def test_nothing_is_left_when_the_parent_is_killed(script, moment, method):
    mark, killed, mapped, stop = uuid.uuid4().hex, [], set(), threading.Event()
    folder = tempfile.mkdtemp(prefix="parent-death-")
    killer = threading.Thread(target=kill_the_example,
                              args=(mark, moment, killed, mapped, stop))
    killer.start()
    try:
        # run() fails if any process of the example is still running LINGER
        # seconds after the parent died.
        result = examplerunner.run(script, returncode=-signal.SIGKILL, pipe=True,
                                   env={MARK: mark, "TMPDIR": folder},
                                   start_method=method, dev_mode=True, timeout=GRACE)
        stop.set()
        killer.join()
        assert killed and isinstance(killed[0], int), \
            (f"the test's killer did not kill it ({killed}); it ended after "
             f"{result.seconds:.2f} s, killed by a SIGKILL, having printed: {result.output!r}")
        left = sorted(path for path in mapped if os.path.exists(path)
                      and not GLIBC_SEM_TEMPORARY.fullmatch(path))
        assert not left, f"left in /dev/shm: {left}"
        if CASES[script][1]:
            assert not os.listdir(folder), f"left in its TMPDIR: {os.listdir(folder)}"
    finally:
        stop.set()
        killer.join()
        for path in mapped:  # never leave them for the next test
            if os.path.exists(path):
                os.unlink(path)
        shutil.rmtree(folder, ignore_errors=True)


# A parent killed at the worst moment for a new block: just after
# SharedMemory has mapped it, before SharedMemory itself registers it. The
# child prints the block's path and the pid of the tracker that knows it (None:
# no tracker was told), then kills itself.
KILLED_AFTER_MAPPING = """
import mmap, os, signal, sys
sys.path.insert(0, sys.argv[2])
from multiprocessing import resource_tracker, shared_memory
import multiprocessing_shared_array as example

mapped = mmap.mmap
def map_then_die(fd, size, *args, **kwargs):
    view = mapped(fd, size, *args, **kwargs)
    print(f"/dev/shm{names[-1]}", resource_tracker._resource_tracker._pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
mmap.mmap = map_then_die
names, real_open = [], shared_memory._posixshmem.shm_open
def remember_name(name, *args, **kwargs):
    names.append(name)
    return real_open(name, *args, **kwargs)
shared_memory._posixshmem.shm_open = remember_name
if sys.argv[1] == "template":
    example.new_block(4096)
else:
    shared_memory.SharedMemory(create=True, size=4096)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="reads /dev/shm")
@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("how", ["template", "plain"])
def test_a_block_is_removed_even_if_the_parent_dies_as_it_is_made(how):
    """The shared-array template's new_block() leaves nothing; SharedMemory alone would."""
    child = subprocess.run([sys.executable, "-c", KILLED_AFTER_MAPPING, how,
                            str(examplerunner.EXAMPLES)],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    path, tracker = child.stdout.split()
    try:
        if how == "plain":  # no tracker was told: nobody will ever remove it
            assert tracker == "None"
            assert os.path.exists(path)
        else:
            psutil.Process(int(tracker)).wait(examplerunner.LINGER)  # it sees the EOF
            assert not os.path.exists(path), f"{path} left by new_block()"
    finally:
        if os.path.exists(path):
            os.unlink(path)
