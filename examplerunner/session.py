"""The leader of an example's terminal session, as a shell is; a program of its own.

``python -I -S session.py PROGRAM ARG...``, started in a session of its own
with a terminal as its output, makes that terminal its session's
controlling terminal, so that ``/dev/tty`` opens in the example as it does
in a reader's terminal. It runs PROGRAM in a process group of its own, the
terminal's foreground group (where Ctrl-C goes), waits for it and ends as
it ended. Like a shell when a job ends, it takes the terminal's foreground
back before it exits: the exit of a session's leader hangs up the
foreground group, and the example's processes that are still finishing (a
resource tracker printing its warnings) would die of that SIGHUP. So the
example does not lead the session itself.

It imports nothing of the runner, and prints nothing unless PROGRAM cannot
be run at all. One starts for every example, so it starts as little as it
can: ``_signal``, the C module under ``signal`` (whose enums import
``enum``, ``functools`` and ``collections``: 4 ms of a 14 ms start).
"""

import fcntl
import os
import sys
import termios

try:
    import _signal as signal
except ImportError:  # not CPython
    import signal

TERMINAL = 1


def _foreground(group):
    """Make ``group`` the terminal's foreground group; SIGTTOU, which a call
    from the background gets, is held back meanwhile."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
    try:
        os.tcsetpgrp(TERMINAL, group)
    except OSError:  # it has ended already
        pass
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def main(argv):
    try:
        fcntl.ioctl(TERMINAL, termios.TIOCSCTTY, 0)
    except OSError:  # no terminal: run it all the same
        pass
    pid = os.fork()
    if pid == 0:
        try:
            os.setpgid(0, 0)
            _foreground(os.getpgrp())
            os.execvp(argv[0], argv)
        except OSError as error:
            os.write(2, f"examplerunner: cannot run {argv[0]}: {error.strerror}\n".encode())
        os._exit(127)
    try:
        os.setpgid(pid, pid)  # as the child does: whichever comes first
    except OSError:
        pass
    _foreground(pid)
    ready = os.environ.get("EXAMPLERUNNER_READY")
    if ready:  # the example's own: the runner sees it close when the example ends
        os.close(int(ready))
    _, status = os.waitpid(pid, 0)
    _foreground(os.getpgrp())
    if os.WIFSIGNALED(status):  # end as it ended, without a core file of our own
        import resource  # only here: a death by a signal is rare

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if os.WTERMSIG(status) not in (signal.SIGKILL, signal.SIGSTOP):  # no handler there
            signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
        os._exit(128 + os.WTERMSIG(status))
    os._exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main(sys.argv[1:])
