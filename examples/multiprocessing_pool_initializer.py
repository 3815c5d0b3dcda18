#!/usr/bin/env python3
"""An initializer prepares each pool worker once, before it takes any task."""

import multiprocessing

prices = None  # set in each worker by setup()


def setup(table, started):
    global prices
    prices = table  # e.g. a big table or a connection, made once per worker
    with started.get_lock():
        started.value += 1


def cost(order):
    item, quantity = order
    return f"{quantity} x {item} = {prices[item] * quantity}"


if __name__ == "__main__":
    table = {"bolt": 3, "nut": 1, "washer": 2}
    started = multiprocessing.Value("i", 0)
    with multiprocessing.Pool(processes=3, initializer=setup,
                              initargs=(table, started)) as pool:
        for line in pool.map(cost, [("bolt", 4), ("nut", 10), ("washer", 6)]):
            print(line)
        pool.close()
        pool.join()  # every worker has run setup() and ended
    print("setup() ran", started.value, "times, once per worker")
