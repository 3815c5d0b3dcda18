#!/usr/bin/env python3
"""Listener and Client: processes meet at an address and prove a shared key."""

import multiprocessing
import secrets
from multiprocessing.connection import Client, Listener


def client(address, authkey):
    # Needs nothing from the server but its address and the key.
    name = multiprocessing.current_process().name
    try:
        conn = Client(address, authkey=authkey)
    except multiprocessing.AuthenticationError as exc:
        print(f"{name}: {exc}")
        return
    with conn:
        conn.send(f"hello from {name}")
        print(f"{name}: the server answered {conn.recv()!r}")


if __name__ == "__main__":
    key = secrets.token_bytes(32)
    with Listener(("127.0.0.1", 0), authkey=key) as listener:
        address = listener.address  # port 0: the system picked a free one
        intruder = multiprocessing.Process(name="intruder", target=client,
                                           args=(address, b"a wrong guess"))
        intruder.start()
        try:
            listener.accept()
        except multiprocessing.AuthenticationError as exc:
            refusal = exc
        intruder.join()
        print(f"server: refused a client: {refusal}")

        friend = multiprocessing.Process(name="friend", target=client,
                                         args=(address, key))
        friend.start()
        with listener.accept() as conn:
            print(f"server: received {conn.recv()!r}")
            conn.send("welcome")
        friend.join()
