#!/usr/bin/env python3
"""wait() watches processes and pipes at once; poll() checks one pipe."""

import multiprocessing
from multiprocessing.connection import wait


def helper(conn):
    conn.recv()  # wait for the parent's word
    conn.send("wrapped up")


def crasher():
    raise SystemExit(3)


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    helper_p = multiprocessing.Process(name="helper", target=helper,
                                       args=(child_end,))
    crasher_p = multiprocessing.Process(name="crasher", target=crasher)
    helper_p.start()
    crasher_p.start()
    child_end.close()
    print(f"main: any reply within 0.2 s? {parent_end.poll(0.2)}")

    watched = {parent_end: helper_p, helper_p.sentinel: helper_p,
               crasher_p.sentinel: crasher_p}
    while watched:
        ready = wait(list(watched))
        if parent_end in ready:  # a message, read before its sender's exit
            print(f"main: helper says {parent_end.recv()!r}")
            del watched[parent_end]
            continue
        for sentinel in ready:
            p = watched.pop(sentinel)
            p.join()
            print(f"main: {p.name} ended with exit code {p.exitcode}")
            if p is crasher_p:
                parent_end.send("the crasher is gone, wrap up")
