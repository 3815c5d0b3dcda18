"""tests/races.py takes out exactly the traceback of a CPython race, and nothing else."""

from races import EXIT_WAKEUP

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


def test_the_exit_race_is_taken_out_at_the_end_or_before_more_output():
    assert EXIT_WAKEUP.sub("", RESULT + EXIT_RACE) == RESULT
    assert EXIT_WAKEUP.sub("", RESULT + EXIT_RACE + "\nmore\n") == RESULT + "more\n"


def test_another_traceback_stays():
    for other in (EXIT_RACE.replace("_python_exit", "_other_exit"),
                  EXIT_RACE.replace("Errno 9] Bad file descriptor", "Errno 32] Broken pipe")):
        assert EXIT_WAKEUP.sub("", RESULT + other) == RESULT + other
