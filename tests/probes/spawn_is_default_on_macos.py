#!/usr/bin/env python3
"""On macOS the default start method is spawn, for the reason bpo-33725 gives in context.py."""

import multiprocessing.context
import subprocess
import sys

CHECK = """\
import sys
sys.platform = "darwin"  # read by multiprocessing.context when it chooses the default
import multiprocessing
print(multiprocessing.get_start_method())
"""

if __name__ == "__main__":
    source = open(multiprocessing.context.__file__, encoding="utf-8").read()
    assert "bpo-33725: running arbitrary code after fork() is no longer reliable" in source
    done = subprocess.run([sys.executable, "-I", "-c", CHECK], capture_output=True, text=True,
                          timeout=30, check=True)
    assert done.stdout == "spawn\n", done
