#!/usr/bin/env python3
"""From 3.12 None, True, small ints and some strings are immortal: a reference writes no count."""

import sys


def count_changes(obj):
    before = sys.getrefcount(obj)
    refs = [obj] * 1000
    changed = sys.getrefcount(obj) != before
    del refs
    return changed


if __name__ == "__main__":
    immortal = sys.version_info >= (3, 12)
    for obj in (None, True, 7, ""):
        assert count_changes(obj) != immortal, (obj, sys.version_info)
    assert count_changes([1])  # an ordinary object: its count changes on every version
