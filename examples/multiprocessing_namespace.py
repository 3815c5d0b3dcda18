#!/usr/bin/env python3
"""A Namespace shares attributes; a mutable value in it is a copy, not shared."""

import multiprocessing


def update(ns):
    ns.status = "updated by child"  # assigning an attribute reaches the manager
    ns.items.append("child")  # changes a copy of the list, which is then lost
    items = ns.items
    items.append("child, reassigned")
    ns.items = items  # assigning the whole list again does reach it


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        ns = manager.Namespace()
        ns.status = "new"
        ns.items = []
        p = multiprocessing.Process(name="updater", target=update, args=(ns,))
        p.start()
        p.join()
        print("status:", ns.status)
        print("items: ", ns.items)
