"""tests/races.py takes out exactly the traceback of a CPython race, and nothing else."""

from races import EXIT_WAKEUP
from test_worker_kill import EXECUTOR_EOF, SPAWN_TOO_LATE

# multiprocessing_batch.py crash on Python 3.11.7 under fork, as the runner
# showed it (paths made neutral); the race hit about one run in thirty.
RESULT = "A worker died: 100 inputs were not checked, the first of them 9900\n"
EXIT_RACE = """\
Exception ignored in: <module 'threading' from '/path/to/lib/python3/threading.py'>
Traceback (most recent call last):
  File "/path/to/lib/python3/threading.py", line 1560, in _shutdown
    atexit_call()
  File "/path/to/lib/python3/concurrent/futures/process.py", line 98, in _python_exit
    thread_wakeup.wakeup()
  File "/path/to/lib/python3/concurrent/futures/process.py", line 84, in wakeup
    self._writer.send_bytes(b"")
  File "/path/to/lib/python3/multiprocessing/connection.py", line 200, in send_bytes
    self._send_bytes(m[offset:offset + size])
  File "/path/to/lib/python3/multiprocessing/connection.py", line 427, in _send_bytes
    self._send(header + buf)
  File "/path/to/lib/python3/multiprocessing/connection.py", line 384, in _send
    n = write(self._handle, buf)
        ^^^^^^^^^^^^^^^^^^^^^^^^
OSError: [Errno 9] Bad file descriptor"""


def test_the_exit_race_goes_with_the_line_break_before_it_at_the_end():
    # The runner strips the output's last line break, so the page's text
    # ends without one; the race printed after the last line must leave
    # exactly that text (issue: "Left contains one more item: ''").
    shown = RESULT.rstrip("\n")
    assert EXIT_WAKEUP.sub("", shown + "\n" + EXIT_RACE) == shown


def test_the_exit_race_goes_with_one_line_break_between_lines_or_first():
    assert EXIT_WAKEUP.sub("", RESULT + EXIT_RACE + "\nmore") == RESULT + "more"
    assert EXIT_WAKEUP.sub("", RESULT + EXIT_RACE + "\nmore\n") == RESULT + "more\n"
    assert EXIT_WAKEUP.sub("", EXIT_RACE + "\n" + RESULT) == RESULT
    assert EXIT_WAKEUP.sub("", EXIT_RACE) == ""


def test_another_traceback_stays():
    for other in (EXIT_RACE.replace("_python_exit", "_other_exit"),
                  EXIT_RACE.replace("Errno 9] Bad file descriptor", "Errno 32] Broken pipe")):
        assert EXIT_WAKEUP.sub("", RESULT + other) == RESULT + other


# Python 3.11's executor worker that dies of an EOFError while the pool
# breaks (tests/test_worker_kill.py); printed last, it used not to match.
WORKER_EOF = """\
Process SpawnProcess-3:
Traceback (most recent call last):
  File "/path/to/lib/python3/multiprocessing/process.py", line 314, in _bootstrap
    self.run()
  File "/path/to/lib/python3/concurrent/futures/process.py", line 244, in _process_worker
    call_item = call_queue.get(block=True)
  File "/path/to/lib/python3/multiprocessing/queues.py", line 103, in get
    res = self._recv_bytes()
EOFError"""


def test_the_worker_eof_is_taken_out_wherever_it_stands():
    shown = RESULT.rstrip("\n")
    assert EXECUTOR_EOF.sub("", shown + "\n" + WORKER_EOF) == shown
    assert EXECUTOR_EOF.sub("", shown + "\n" + WORKER_EOF + "\nmore") == shown + "\nmore"
    other = WORKER_EOF.replace("EOFError", "EOFError: Ran out of input")
    assert EXECUTOR_EOF.sub("", shown + "\n" + other) == shown + "\n" + other


# A worker the 3.11 executor was still starting when the pool broke, started
# by the fork server: recorded in the 3.11 matrix (shared-array template).
SERVER_CHILD_TOO_LATE = """\
Traceback (most recent call last):
  File "/path/to/lib/python3/multiprocessing/forkserver.py", line 274, in main
    code = _serve_one(child_r, fds,
           ^^^^^^^^^^^^^^^^^^^^^^^^
  File "/path/to/lib/python3/multiprocessing/forkserver.py", line 313, in _serve_one
    code = spawn._main(child_r, parent_sentinel)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/path/to/lib/python3/multiprocessing/spawn.py", line 132, in _main
    self = reduction.pickle.load(from_parent)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/path/to/lib/python3/multiprocessing/synchronize.py", line 115, in __setstate__
    self._semlock = _multiprocessing.SemLock._rebuild(*state)
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
FileNotFoundError: [Errno 2] No such file or directory"""


def test_a_worker_started_too_late_goes_under_spawn_and_forkserver():
    rest = "0 of 2000 row sums done, all equal to the parent's: True"
    spawned = SERVER_CHILD_TOO_LATE.replace(
        'forkserver.py", line 274, in main', 'spawn.py", line 120, in spawn_main')
    for started in (SERVER_CHILD_TOO_LATE, spawned):
        assert SPAWN_TOO_LATE.sub("", started + "\n" + rest) == rest
    other = SERVER_CHILD_TOO_LATE.replace("forkserver.py\", line 274, in main",
                                          "forkserver.py\", line 274, in other")
    assert SPAWN_TOO_LATE.sub("", other + "\n" + rest) == other + "\n" + rest
