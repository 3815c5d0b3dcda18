#!/usr/bin/env python3
"""A one-way Pipe: close unused ends so the reader sees EOFError at the end."""

import multiprocessing


def reporter(send_end, count):
    for i in range(count):
        send_end.send(f"line {i}")
    send_end.close()


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(name="reporter", target=reporter,
                                args=(send_end, 3))
    p.start()
    send_end.close()  # the parent never sends: without this, recv() never ends

    while True:
        try:
            print("got", repr(recv_end.recv()))
        except EOFError:
            print("EOFError: every sending end is closed")
            break
    p.join()
