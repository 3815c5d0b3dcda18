#!/usr/bin/env python3
"""A duplex Pipe: the parent asks, the child answers, over one connection."""

import multiprocessing


def calculator(conn):
    while True:
        request = conn.recv()
        if request is None:
            break
        op, a, b = request
        conn.send(a + b if op == "add" else a * b)
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()  # duplex by default
    p = multiprocessing.Process(name="calculator", target=calculator,
                                args=(child_end,))
    p.start()
    for request in [("add", 2, 3), ("mul", 4, 5), ("add", 10, -1)]:
        parent_end.send(request)
        print(f"{request} -> {parent_end.recv()}")
    parent_end.send(None)
    p.join()
    parent_end.close()
