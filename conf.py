"""Sphinx configuration for "multiprocessing — Manage Processes Like Threads"."""

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))  # the article's own Sphinx extensions

project = "multiprocessing — Manage Processes Like Threads"
author = "The authors of this article"
copyright = "2026, the authors; prose CC BY-SA 4.0, code MIT"

root_doc = "index"
exclude_patterns = ["build"]
templates_path = [str(HERE / "_templates")]

extensions = [
    "sphinx.ext.intersphinx",
    "sphinx_codeautolink",
    # ...with two shortcuts that the tests' build checks (_ext/autolink_fast.py).
    "autolink_fast",
    # ...and names from multiprocessing and concurrent.futures link to where
    # the Python docs document them (see _ext/apilinks.py).
    "apilinks",
    "sphinx_copybutton",
    # An output that differs by Python version is shown as tabs, one per range.
    "sphinx_inline_tabs",
    # Each sentence about a Python version names what proves it (_ext/claims.py).
    "claims",
    # The first page says where the outputs came from, as their captions do.
    "origins",
    # A script's long line breaks on a phone where a programmer would break it.
    "codewrap",
    # A message pasted into the search leads to its section (_ext/search_sections.py).
    "search_sections",
    # An address into a page that was split finds the part that holds it (_ext/moved.py).
    "moved",
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
apilinks_inventory = str(PYTHON_INVENTORY)

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
html_css_files = ["article.css", "timeline.css"]
html_js_files = ["article.js"]
html_favicon = str(HERE / "_static" / "favicon.svg")

# Every page says in one sentence what it is about, in a `.. meta::` field
# `:description:`; search engines show it. A page without one fails the build.
# The pages Sphinx makes itself (search, index) get this one.
SITE_DESCRIPTION = ("A tutorial on Python's multiprocessing module, with a small script "
                    "and its real output for each idea.")

# All the examples, with the data files they read, and the benchmarks behind
# the figures, in one archive that the build writes beside the pages; the
# first page links to it.
EXAMPLES_ARCHIVE = "multiprocessing-examples.zip"


def require_description(app, doctree):
    from docutils import nodes

    if not any(meta.get("name") == "description" for meta in doctree.findall(nodes.meta)):
        from sphinx.util import logging

        logging.getLogger(__name__).warning(
            "no meta description: add `.. meta::` with `:description:` at the top of the page",
            location=app.env.docname)


def describe_generated_pages(app, pagename, templatename, context, doctree):
    if doctree is None:
        context["metatags"] = (context.get("metatags", "")
                               + f'\n<meta name="description" content="{SITE_DESCRIPTION}">')


def label_downloads(app, doctree, docname):
    """A script's caption reads "Download NAME", not just NAME."""
    from docutils import nodes
    from sphinx import addnodes

    for caption in doctree.findall(nodes.caption):
        for link in caption.findall(addnodes.download_reference):
            link.insert(0, nodes.inline("", "Download ", classes=["download-word"]))


def write_examples_archive(app, exception):
    import zipfile

    if exception is not None or app.builder.format != "html":
        return
    files = [p for p in sorted((HERE / "examples").rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    # The benchmarks behind the figures, with the data they drew them from;
    # not those that time this article's own tooling.
    files += [p for p in sorted((HERE / "benchmarks").glob("*"))
              if p.suffix in (".py", ".json") and "examplerunner" not in p.read_text("utf-8")]
    with zipfile.ZipFile(Path(app.outdir) / EXAMPLES_ARCHIVE, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            zf.write(path, path.relative_to(HERE))


# A tab of per-version output, as examplerunner labels it: "Python 3.14 and
# newer", "Python 3.11–3.13", "Python 3.11".
VERSION_TAB = re.compile(r"Python 3\.(?P<oldest>\d+)(?:(?P<newer> and newer)|–3\.(?P<newest>\d+))?")


def version_tab(node):
    """The version label's match of a tab (a TabContainer), or None for any other node."""
    from sphinx_inline_tabs._impl import TabContainer

    if not isinstance(node, TabContainer):
        return None
    return VERSION_TAB.fullmatch(node.children[0].astext())


def join_version_tabs(app, doctree):
    """Make the output tabs of one script one set, newest Python first, with short labels.

    Each per-version output (a block's ``python=`` option) is a ``tab`` of
    its own cog block; the markers between them are comments, which would
    otherwise keep sphinx-inline-tabs from seeing the tabs as neighbours.
    Each set is then put in one order, whatever the order of the blocks in
    the page: the newest Python first, so that it opens on the Python that
    every untabbed output comes from. A label reads "3.14+", "3.11–3.13" or
    "3.11", which fit a phone's width side by side; its full text ("Python
    3.14 and newer") follows it for screen readers.
    """
    from docutils import nodes
    from sphinx_inline_tabs._impl import TabContainer

    for comment in list(doctree.findall(nodes.comment)):
        parent = comment.parent
        index = parent.index(comment)
        before = next((n for n in reversed(parent.children[:index])
                       if not isinstance(n, nodes.comment)), None)
        after = next((n for n in parent.children[index + 1:]
                      if not isinstance(n, nodes.comment)), None)
        if isinstance(before, TabContainer) and isinstance(after, TabContainer):
            parent.remove(comment)

    for parent in {tab.parent for tab in doctree.findall(TabContainer)}:
        children, start = parent.children, 0
        while start < len(children):
            end = start
            while end < len(children) and version_tab(children[end]):
                end += 1
            if end - start > 1:
                children[start:end] = sorted(
                    children[start:end], key=lambda tab: -int(version_tab(tab)["oldest"]))
            start = end + 1
    for tab in list(doctree.findall(TabContainer)):
        found = version_tab(tab)
        if found:
            label = tab.children[0]
            short = "3." + found["oldest"] + ("+" if found["newer"] else "")
            if found["newest"]:
                short += "–3." + found["newest"]
            label.children = []
            label += nodes.inline("", short, classes=["version-tab"])
            label += nodes.inline("", ", " + found[0], classes=["visually-hidden"])


def read_few_pages_here(app, env, docnames):
    """Read five pages or fewer in this process, as Sphinx did before version 8.

    In a parallel build each reader process sends the whole environment back
    when it is done: for the page or two that an edit changes, that costs
    more than reading them here. Writing stays parallel.
    """
    if app.parallel > 1 and len(docnames) <= 5:
        app.parallel_for_writing, app.parallel = app.parallel, 1


def write_in_parallel_again(app, env):
    app.parallel = getattr(app, "parallel_for_writing", app.parallel)


def setup(app):
    app.connect("env-before-read-docs", read_few_pages_here)
    app.connect("env-updated", write_in_parallel_again)
    app.connect("doctree-read", join_version_tabs)
    app.connect("doctree-read", require_description)
    app.connect("html-page-context", describe_generated_pages)
    app.connect("doctree-resolved", label_downloads)
    app.connect("build-finished", write_examples_archive)
