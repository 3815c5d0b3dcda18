"""Sphinx configuration for "multiprocessing — Manage Processes Like Threads"."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

project = "multiprocessing — Manage Processes Like Threads"
author = "The authors of this article"
copyright = "2026, the authors; prose CC BY-SA 4.0, code MIT"

root_doc = "index"
exclude_patterns = ["build"]
templates_path = [str(HERE / "_templates")]

extensions = [
    "sphinx.ext.intersphinx",
    "sphinx_codeautolink",
    "sphinx_copybutton",
    # An output that differs by Python version is shown as tabs, one per range.
    "sphinx_inline_tabs",
]

# Warnings are errors in every build (see pavement.py), and every
# cross-reference must resolve.
nitpicky = True

# API names link to the Python documentation. The build reads the inventory
# from docs.python.org when it can, and otherwise the copy shipped in
# inventories/ (its Python version is recorded in inventories/python.txt;
# `paver inventory` refreshes both). ARTICLE_INTERSPHINX=offline reads only
# the shipped copy, so that a build does not depend on the network: the tests
# build that way.
PYTHON_INVENTORY = HERE / "inventories" / "python.inv"
if os.environ.get("ARTICLE_INTERSPHINX", "").lower() == "offline":
    python_inventories = (str(PYTHON_INVENTORY),)
else:
    python_inventories = (None, str(PYTHON_INVENTORY))
intersphinx_mapping = {"python": ("https://docs.python.org/3", python_inventories)}
intersphinx_timeout = 10

# Names in the scripts link to the documentation of what they name.
codeautolink_concat_default = True

# The copy button copies a shell line without its "$ " prompt, and only the
# command lines of a shell session; a script is copied whole.
copybutton_prompt_text = "$ "
copybutton_only_copy_prompt_lines = True

# Diagrams are committed SVGs, rendered from the .dot sources beside them in
# source/figures by `paver diagrams`: the build needs no Graphviz.

# Code colours that meet WCAG 2 AA contrast, in light and in dark mode.
highlight_language = "python3"
pygments_style = "a11y-light"
pygments_dark_style = "a11y-dark"

html_theme = "furo"
html_title = "multiprocessing — Manage Processes Like Threads"
html_static_path = [str(HERE / "_static")]
html_css_files = ["article.css"]
html_js_files = ["article.js"]
