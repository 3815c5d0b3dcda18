#!/usr/bin/env python3
"""posix_spawn(setsid=True): the group's SIGINT can still kill the child unless born blocking it."""

import os
import signal
import subprocess
import sys
import time

SPAWNS = 300


def spawner(blocked):
    """Spawn /bin/true again and again; print how many died of SIGINT."""
    signal.signal(signal.SIGINT, lambda signum, frame: None)  # the parent's own handler
    print("ready", flush=True)
    mask = {signal.SIGINT} if blocked else ()
    killed = 0
    for _ in range(SPAWNS):
        pid = os.posix_spawn("/bin/true", ["/bin/true"], os.environ, setsid=True,
                             setsigmask=mask)
        _, status = os.waitpid(pid, 0)
        killed += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT
    print(killed, flush=True)


def killed_while_pressing_ctrl_c(blocked):
    """Run the spawner in a process group of its own and send the group SIGINT meanwhile."""
    spawner = subprocess.Popen([sys.executable, __file__, "yes" if blocked else "no"],
                               start_new_session=True, stdout=subprocess.PIPE, text=True)
    assert spawner.stdout.readline() == "ready\n"
    while spawner.poll() is None:
        try:
            os.killpg(spawner.pid, signal.SIGINT)
        except ProcessLookupError:
            break
        time.sleep(0.0002)
    return int(spawner.stdout.read())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        spawner(sys.argv[1] == "yes")
    elif sys.platform == "linux" and os.path.exists("/bin/true"):
        assert killed_while_pressing_ctrl_c(blocked=False) > 0
        assert killed_while_pressing_ctrl_c(blocked=True) == 0
