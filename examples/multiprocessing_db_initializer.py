#!/usr/bin/env python3
"""One database connection per worker, opened in the pool's initializer."""

import atexit
import multiprocessing
import os
import sqlite3
import tempfile

connection = None  # each worker process gets its own


def open_connection(path):
    global connection
    connection = sqlite3.connect(path)  # opened here, in the worker, never inherited
    atexit.register(connection.close)  # and closed as the worker exits


def price(item):
    row = connection.execute("SELECT price FROM prices WHERE item = ?", (item,)).fetchone()
    return item, row[0]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "shop.db")
        with sqlite3.connect(path) as setup:
            setup.execute("CREATE TABLE prices (item TEXT, price REAL)")
            setup.executemany("INSERT INTO prices VALUES (?, ?)",
                              [("apple", 0.5), ("bread", 2.25), ("cheese", 4.0)])
        setup.close()  # closed before the pool forks: no child shares it
        with multiprocessing.Pool(2, initializer=open_connection, initargs=(path,)) as pool:
            for item, cost in pool.map(price, ["apple", "bread", "cheese"]):
                print(f"{item}: {cost}")
