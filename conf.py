"""Sphinx configuration for "multiprocessing — Manage Processes Like Threads"."""

from pathlib import Path

project = "multiprocessing — Manage Processes Like Threads"
author = "The authors of this article"
copyright = "2026, the authors; prose CC BY-SA 4.0, code MIT"

root_doc = "index"
exclude_patterns = ["build"]
templates_path = []

extensions = [
    "sphinx.ext.graphviz",
    "sphinx.ext.intersphinx",
    "sphinx_codeautolink",
    "sphinx_copybutton",
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

# Names in the scripts link to the documentation of what they name.
codeautolink_concat_default = True

# The copy button copies a shell line without its "$ " prompt, and only the
# command lines of a shell session; a script is copied whole.
copybutton_prompt_text = "$ "
copybutton_only_copy_prompt_lines = True

# Diagrams are drawn at build time by Graphviz's dot, as SVG.
graphviz_output_format = "svg"

highlight_language = "python3"
pygments_style = "friendly"

html_theme = "furo"
html_title = "multiprocessing — Manage Processes Like Threads"
html_static_path = []
