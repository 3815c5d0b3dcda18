#!/usr/bin/env python3
"""An Event lets one process signal others; wait() can give up after a timeout."""

import multiprocessing


def wait_forever(event):
    event.wait()
    print("blocker: the event is set, going on")


def wait_briefly(event, timeout):
    is_set = event.wait(timeout)
    print(f"impatient: wait({timeout}) returned {is_set}")


def set_it(event):
    print("setter: setting the event", flush=True)  # before blocker wakes
    event.set()


if __name__ == "__main__":
    event = multiprocessing.Event()
    blocker = multiprocessing.Process(name="blocker", target=wait_forever,
                                      args=(event,))
    impatient = multiprocessing.Process(name="impatient", target=wait_briefly,
                                        args=(event, 0.2))
    setter = multiprocessing.Process(name="setter", target=set_it, args=(event,))

    blocker.start()
    impatient.start()
    impatient.join()  # nobody has set the event yet: its wait() times out
    setter.start()
    setter.join()
    blocker.join()
    print(f"main: is_set()={event.is_set()}, wait(0.2) returns {event.wait(0.2)}")
