#!/usr/bin/env python3
"""Four workers log to one file through the parent, whatever ends the program."""

import signal
import sys

ctrl_c = False


def note_ctrl_c(signum, frame):  # the parent's SIGINT handler: note it, raise nothing
    global ctrl_c
    ctrl_c = True


if __name__ == "__main__":  # first, so a Ctrl-C during the slow imports below is noted
    signal.signal(signal.SIGINT, note_ctrl_c)

import logging  # noqa: E402
import logging.handlers  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from multiprocessing import resource_tracker  # noqa: E402

WORKERS, ITEMS = 4, 100
JANITOR = """import os, shutil, sys, tempfile
folder = tempfile.mkdtemp(prefix="job-")
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


def work(n, log_queue, stop):
    """A worker: its records go to the queue, and only there."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    hold_sigint(False)
    threading.Thread(target=watch_parent, args=(multiprocessing.parent_process(),),
                     daemon=True).start()
    # force=True: under fork this drops the FileHandler copied from the parent
    logging.basicConfig(handlers=[logging.handlers.QueueHandler(log_queue)],
                        level=logging.INFO, force=True)
    log = logging.getLogger("job")
    for item in range(n * ITEMS, (n + 1) * ITEMS):
        if stop.value:
            break
        time.sleep(0.01)  # the work
        log.info("input %d done", item)


def finishes(call, seconds):
    """Run call() in a thread; True if it returned within seconds."""
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


if __name__ == "__main__":
    if hasattr(os, "posix_spawn"):  # where multiprocessing puts its own files too
        os.environ["TMPDIR"] = tempfile.tempdir = own_temporary_folder()
    path = os.path.join(tempfile.gettempdir(), "job.log")  # name your own, lasting path
    to_file = logging.FileHandler(path)  # the only handler that writes the file
    to_file.setFormatter(logging.Formatter("%(processName)-11s %(levelname)-7s %(message)s"))
    logging.basicConfig(handlers=[to_file], level=logging.INFO)  # the parent's own records
    log = logging.getLogger("job")
    log.info("starting %d workers", WORKERS)
    stop, log_queue = multiprocessing.RawValue("b", 0), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=work, args=(n, log_queue, stop),
                                       name=f"worker-{n + 1}") for n in range(WORKERS)]
    problem = None
    hold_sigint(True)  # workers are born with SIGINT held back
    for w in workers:
        try:
            w.start()
        except OSError as error:  # it died before it had read what to run
            problem = f"{w.name} died as it started: {error}"
            break
    hold_sigint(False)
    listener = logging.handlers.QueueListener(log_queue, to_file)
    listener.start()  # a thread: started after the workers, so fork copies none
    while not problem and any(w.is_alive() for w in workers):
        time.sleep(0.05)
        dead = [w for w in workers if w.exitcode not in (None, 0)]
        if ctrl_c or dead:
            problem = f"{dead[0].name} died with exit code {dead[0].exitcode}" if dead else "Ctrl-C"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # from here on a Ctrl-C changes nothing
    if problem:
        print("stopping:", problem)
    stop.value = 1
    deadline = time.monotonic() + 2
    for w in multiprocessing.active_children():
        w.join(max(0, deadline - time.monotonic()))  # a bounded wait...
        if w.exitcode is None:
            w.terminate()  # ...then terminate() what still runs
            w.join()
    if not finishes(listener.stop, 2):  # a worker died holding the queue's lock
        log_queue.cancel_join_thread()  # our end marker can never be sent: drop it
        print("the log listener did not stop within 2 s: its last records are lost")
    if problem:
        log.error("stopped: %s", problem)
    else:
        log.info("every worker finished")
    with open(path) as records:
        lines = records.read().splitlines()
    print(f"job.log has {len(lines)} records; the first and the last:", lines[0], lines[-1],
          sep="\n")
    sys.exit(0 if not problem else 130 if problem == "Ctrl-C" else 1)
