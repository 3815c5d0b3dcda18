"""Sphinx configuration for "multiprocessing — Manage Processes Like Threads"."""

from pathlib import Path

project = "multiprocessing — Manage Processes Like Threads"
author = "The authors of this article"
copyright = "2026, the authors; prose CC BY-SA 4.0, code MIT"

root_doc = "index"
exclude_patterns = ["build"]
templates_path = []

extensions = [
    "sphinx.ext.intersphinx",
]

# Warnings are errors in every build (see pavement.py), and every
# cross-reference must resolve.
nitpicky = True

# API names link to the Python documentation. Without a network the build
# falls back to the inventory that Debian's python3-doc package installs.
LOCAL_PYTHON_INVENTORY = Path("/usr/share/doc/python3/html/objects.inv")
intersphinx_mapping = {
    "python": (
        "https://docs.python.org/3",
        (None, str(LOCAL_PYTHON_INVENTORY)) if LOCAL_PYTHON_INVENTORY.exists() else None,
    ),
}
intersphinx_timeout = 10

highlight_language = "python3"
pygments_style = "friendly"

html_theme = "furo"
html_title = "multiprocessing — Manage Processes Like Threads"
html_static_path = []
