#!/usr/bin/env python3
"""Refresh inventories/python.inv, the Python docs' inventory: inventory [URL | FILE]."""

import datetime
import hashlib
import re
import sys
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(args):
    source = args[0] if args else "https://docs.python.org/3/objects.inv"
    if "://" in source:
        try:
            with urllib.request.urlopen(source, timeout=60) as response:
                data = response.read()
        except OSError as error:
            sys.exit(f"cannot read {source} ({error}); give a local objects.inv instead")
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            sys.exit(f"cannot read {source} ({error.strerror})")
    lines = data.split(b"\n", 4)
    header = b"\n".join(lines[:4]).decode("utf-8", "replace")
    project = re.search(r"^# Project: (.*)$", header, re.MULTILINE)
    version = re.search(r"^# Version: (.*)$", header, re.MULTILINE)
    if (lines[0] != b"# Sphinx inventory version 2" or not project or not version
            or project[1].strip() != "Python"):
        sys.exit(f"{source}: not a Sphinx inventory of the Python documentation")
    zlib.decompress(lines[4])  # the entries must be readable
    folder = ROOT / "inventories"
    folder.mkdir(exist_ok=True)
    (folder / "python.inv").write_bytes(data)
    (folder / "python.txt").write_text(
        "The Python documentation's intersphinx inventory (python.inv), the build's\n"
        "fallback when docs.python.org cannot be reached. Written by `paver inventory`.\n"
        f"python-version: {version[1].strip()}\n"
        f"source: {source}\n"
        f"sha256: {hashlib.sha256(data).hexdigest()}\n"
        f"refreshed: {datetime.date.today().isoformat()}\n",
        encoding="utf-8")
    print(f"inventories/python.inv: Python {version[1].strip()} from {source}")


if __name__ == "__main__":
    main(sys.argv[1:])
