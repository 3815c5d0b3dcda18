"""Sphinx extension: two shortcuts for sphinx-codeautolink, each checked by the tests' build.

sphinx-codeautolink links each name in the scripts to where it is
documented. Two of its steps took nearly half of this article's build; this
extension takes a shorter way at each, and gets the same links.

* **Writing the links into a page.** sphinx-codeautolink's ``link_html``
  parses the page with BeautifulSoup, copies each code block to compare its
  text, and parses every linked block again: 3.4 CPU-seconds for this
  article. This one works on the strings Sphinx wrote, in 0.04: only the
  code blocks are touched, and the prose stays exactly as Sphinx wrote it;
  each script (a "transform") goes to the first block, in page order, whose
  shown text is its source; each name becomes a link with
  sphinx-codeautolink's own pattern for it (``construct_name_pattern``), its
  own link markup and the same title. A script or a name it cannot place is
  the same warning as sphinx-codeautolink's.
* **Following the names.** sphinx-codeautolink imports every package a
  script imports, to follow each name to the object it names. A package of
  which the inventory documents nothing (dask: half a second to import) has
  no page to link to, so its names are not followed, and it is not imported.

With ``-D autolink_fast_check=1`` (the tests' build sets it) both are
checked against sphinx-codeautolink's own way: each page is also linked by
its ``link_html``, and each name not followed is followed after all. A page
whose links differ, or a name that would have found a documented object (a
package's function typed to return one, say), is a warning, which the build
turns into an error.
"""

import difflib
import html
import re
from pathlib import Path

import sphinx_codeautolink.extension as autolink
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError
from sphinx_codeautolink.extension import block as original
from sphinx_codeautolink.extension.block import BUILTIN_BLOCKS, construct_name_pattern
from sphinx_codeautolink.extension.resolve import CouldNotResolve, resolve_location
from sphinx_codeautolink.warn import logger, warn_type

# A highlighted literal block as Sphinx's HTML writer writes it: the classes
# of its outer div ("highlight-python3 notranslate", "doctest ..."), then its
# <pre>. Inside, the writer escapes every "<", so the first "</pre>" ends it.
CODE_BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*)"><div class="highlight">(?P<pre><pre>.*?</pre>)'
    r'</div>\n</div>', re.S)
TAG = re.compile(r"<[^>]*>")
LINE_NUMBER = re.compile(r'<span class="linenos">[^<]*</span>')
# sphinx-codeautolink's link, with its attributes in the order that
# BeautifulSoup writes them out (sorted), as on the pages it writes.
LINK = '<a class="sphinx-codeautolink-a" href="{link}"{title}>{text}</a>'


def shown_text(markup):
    """The text a browser shows for a piece of highlighted code."""
    return html.unescape(TAG.sub("", markup))


def link_html(document, page, transforms, inventory, custom_blocks, search_css_classes,
              builder_name="html", *, disable_link_titles):
    """``page`` with the names in its scripts linked: sphinx-codeautolink's ``link_html``."""
    if builder_name == "dirhtml" and Path(document).name != "index":
        html_file = Path(document) / "index.html"
    else:
        html_file = Path(document + ".html")
    prefix = "../" * (len(html_file.parents) - 1)
    linkable = {f"highlight-{kind}" for kind in BUILTIN_BLOCKS.keys() | custom_blocks.keys()}
    linkable |= {"doctest", *search_css_classes}

    blocks = list(CODE_BLOCK.finditer(page))
    free = [i for i, block in enumerate(blocks) if linkable & set(block["classes"].split())]
    linked = {}
    for transform in transforms:
        source = transform.source.rstrip()
        for i in free:
            if shown_text(LINE_NUMBER.sub("", blocks[i]["pre"])).rstrip() == source:
                free.remove(i)
                linked[i] = link_names(blocks[i]["pre"], transform, inventory, prefix,
                                       disable_link_titles, document)
                break
        else:
            logger.warning(f"Could not match a code example to HTML, source:\n{transform.source}",
                           type=warn_type, subtype="match_block", location=document)
    if not linked:
        return page
    parts, end = [], 0
    for i, block in enumerate(blocks):
        if i in linked:
            parts += [page[end:block.start("pre")], linked[i]]
            end = block.end("pre")
    return "".join([*parts, page[end:]])


def link_names(pre, transform, inventory, prefix, disable_link_titles, document):
    """One block's ``<pre>`` with each of the transform's names made a link."""
    lines = pre.split("\n")
    for name in transform.names:
        first, last = name.lineno - 1, name.end_lineno - 1
        selection = "\n".join(lines[first:last + 1])
        # The last match, as a.b = a.b is linked from the right.
        matches = list(re.finditer(construct_name_pattern(name), selection))
        if not matches:
            logger.warning(f"Could not match transformation of `{name.code_str}` on source "
                           f"lines {name.lineno}-{name.end_lineno}, source:\n{transform.source}",
                           type=warn_type, subtype="match_name", location=document)
            continue
        match = matches[-1]
        start, end = match.start() + len(match.group(1)), match.end()
        location = inventory[name.resolved_location]
        if not location.startswith(("http://", "https://")):
            location = prefix + location
        text = selection[start:end]
        shown = re.sub(r"\s+", "", shown_text(text))
        title = ("" if disable_link_titles or shown == name.resolved_location
                 else f' title="{name.resolved_location}"')
        selection = (selection[:start] + LINK.format(link=location, title=title, text=text)
                     + selection[end:])
        lines[first:last + 1] = selection.split("\n")
    return "\n".join(lines)


def compared(document, page, *args, **kwargs):
    """``link_html``, checked against sphinx-codeautolink's own on the same page."""
    ours = link_html(document, page, *args, **kwargs)
    # BeautifulSoup writes the page back out in its own way (quotes as
    # characters, not entities): written that way, the two must be equal.
    theirs = original.link_html(document, page, *args, **kwargs)
    ours_written = str(BeautifulSoup(ours, "html.parser"))
    if ours_written != theirs:
        diff = difflib.unified_diff(theirs.splitlines(), ours_written.splitlines(),
                                    "sphinx-codeautolink", "autolink_fast", n=0, lineterm="")
        logger.warning("the code links differ from sphinx-codeautolink's own:\n"
                       + "\n".join(list(diff)[:12]), location=document)
    return ours


class DocumentedOnly:
    """sphinx-codeautolink's ``resolve_location(name, inventory)``, for the names
    of packages that the inventory (or the inventory map) documents anything of.

    Another package's name resolves to its own dotted path, which is in
    neither, so sphinx-codeautolink leaves it unlinked, as it would have.
    With ``check``, that name is also followed, and one that would have
    found a documented object is a warning.
    """

    def __init__(self, inventory_map, check):
        self.inventory_map, self.check = inventory_map, check
        self.inventory, self.packages = None, set()

    def __call__(self, name, inventory):
        if inventory is not self.inventory:
            self.inventory = inventory
            self.packages = {key.split(".")[0] for key in [*inventory, *self.inventory_map]}
            self.packages.add("builtins")
        package = name.import_components[0]
        if package in self.packages:
            return resolve_location(name, inventory)
        if self.check:
            self.follow(name, inventory)
        return ".".join(name.import_components)

    def follow(self, name, inventory):
        try:
            found = resolve_location(name, inventory)
        except CouldNotResolve:  # sphinx-codeautolink leaves it unlinked too
            return
        found = self.inventory_map.get(found, found)
        if found in inventory:
            logger.warning(f"`{name.code_str}` (line {name.lineno}) names the documented "
                           f"{found}, but {name.import_components[0]} is not followed: "
                           "remove autolink_fast from conf.py's extensions")


def shortcuts(app, config):
    check = config.autolink_fast_check
    autolink.link_html = compared if check else link_html
    autolink.resolve_location = DocumentedOnly(config.codeautolink_inventory_map, check)


def setup(app):
    if not all(hasattr(module, function) for module, function in (
            (autolink, "link_html"), (original, "link_html"), (autolink, "resolve_location"))):
        raise ExtensionError("sphinx-codeautolink no longer has extension.link_html and "
                             "resolve_location; remove autolink_fast from conf.py's extensions")
    app.add_config_value("autolink_fast_check", False, "", bool)
    app.connect("config-inited", shortcuts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
