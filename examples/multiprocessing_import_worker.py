#!/usr/bin/env python3
"""A target function that lives in a module of its own."""


def worker():
    print(f"Worker running, defined in module {__name__!r}")
