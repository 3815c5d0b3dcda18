#!/usr/bin/env python3
"""A forked child keeps its parent's listening socket open: a restart finds the port taken."""

import multiprocessing
import socket


def listen(port=0):
    server = socket.socket()
    try:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen()
    except OSError:
        server.close()
        raise
    return server


def job(done):
    done.wait(timeout=30)  # a long task, still running when the server restarts


if __name__ == "__main__":
    for method in ("fork", "forkserver", "spawn"):
        ctx = multiprocessing.get_context(method)
        server = listen()
        port = server.getsockname()[1]
        done = ctx.Event()
        worker = ctx.Process(target=job, args=(done,))
        worker.start()
        server.close()  # the server stops and starts again on the same port
        try:
            listen(port).close()
            print(f"{method:>10}: restarted on the same port")
        except OSError as exc:
            print(f"{method:>10}: OSError: {exc}")
        done.set()
        worker.join()
