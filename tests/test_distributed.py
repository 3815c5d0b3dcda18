"""The remote queue server and its workers fail clearly and lose no jobs.

The chapter "When one machine is not enough" shows the happy path; these
tests start the server themselves and check what a worker prints when its
key is wrong or when there is no server to talk to.
"""

import contextlib
import socket
import subprocess
import sys

import pytest

import examplerunner

SERVER = "multiprocessing_remote_server.py"
WORKER = "multiprocessing_remote_worker.py"
KEY = "a key for the tests only"
SQUARES = "server: all 10 results are in: 1 4 9 16 25 36 49 64 81 100"

pytestmark = pytest.mark.usefixtures("no_process_left")


@contextlib.contextmanager
def running_server(start_method=None):
    """Start the server on a free port; yield its address and a function that stops it."""
    env = examplerunner.child_environment(start_method, {"QUEUE_AUTHKEY": KEY})
    proc = subprocess.Popen(
        [sys.executable, "-X", "dev", SERVER, "127.0.0.1:0"], cwd=examplerunner.EXAMPLES,
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    stopped = {}

    def stop():
        """Close the server's standard input; return its exit status, stdout and stderr."""
        if not stopped:
            out, err = proc.communicate(timeout=30)
            stopped.update(returncode=proc.returncode, out=out, err=err)
        return stopped["returncode"], stopped["out"], stopped["err"]

    try:
        first = proc.stdout.readline()
        assert first.startswith("server: 10 jobs queued, serving on 127.0.0.1:"), first
        yield first.split()[-1], stop
    finally:
        if proc.poll() is None and not stopped:
            with contextlib.suppress(subprocess.TimeoutExpired):
                stop()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def worker(address, key, returncode):
    """Run one worker against address with key; return what it printed."""
    return examplerunner.run(WORKER, args=(address,), returncode=returncode,
                             dev_mode=True, env={"QUEUE_AUTHKEY": key}).output


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_wrong_key_is_refused_and_loses_no_job(method):
    with running_server(method) as (address, stop):
        refused = worker(address, "not the key", returncode=1)
        assert refused == f"worker: the server at {address} rejected our authkey"
        # The refused worker took nothing: the next one finds every job.
        assert worker(address, KEY, returncode=0) == ""
        returncode, out, err = stop()
    assert (returncode, err) == (0, "")
    assert out.splitlines() == [SQUARES, "server: stopped"]


def test_worker_before_the_server_starts():
    address = f"127.0.0.1:{free_port()}"
    output = worker(address, KEY, returncode=1)
    assert output == f"worker: cannot connect to {address}: Connection refused"


def test_worker_after_the_server_stopped():
    with running_server() as (address, stop):
        assert worker(address, KEY, returncode=0) == ""
        assert stop()[0] == 0
        output = worker(address, KEY, returncode=1)
    assert output == f"worker: cannot connect to {address}: Connection refused"

