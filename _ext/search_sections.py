"""Sphinx extension: a reader who pastes an error message into the search lands on its section.

Sphinx's own search ranks whole pages, and its results for ``.. index::``
entries carry only the page's title, below the full-text results. This
extension adds section-level results, placed first, each with the section's
own title and a link to the section:

* When the article is read, it records, for every section of the pages
  named in ``search_sections_pages`` and for every section elsewhere that
  carries ``.. index::`` entries: the page, the section's title and ids, its
  index entries, and the text of its own output blocks (``example-output``),
  where the messages are shown as Python prints them.
* The build writes them to ``_static/search_sections_index.js``; the search
  page alone loads it and ``_static/search_sections.js``, which scores each
  section against the query (an index entry the query contains or equals,
  the title, the output text, or most of the query's words) and puts the
  best few at the top of Sphinx's results.

It also keeps the quotes of a section title that quotes Python straight (a
title that starts with a quote: Python prints ``Can't``, not ``Can’t``), so
that a pasted message matches the heading, the sidebar and the search.
"""

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

INDEX_FILE = "search_sections_index.js"
SCRIPT_FILE = "search_sections.js"
STRAIGHT = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


def normal(text):
    """Lower case, straight quotes, one space between words: how both sides are compared."""
    return " ".join(text.translate(STRAIGHT).lower().split())


class StraightQuotesInQuotedTitles(SphinxTransform):
    """Undo smart quotes in a title that quotes Python: one that starts with a quote."""

    default_priority = 760  # after SphinxSmartQuotes (750)

    def apply(self, **kwargs):
        for title in self.document.findall(nodes.title):
            if not title.astext().startswith(("\u201c", '"')):
                continue
            for text in list(title.findall(nodes.Text)):
                straight = str(text).translate(STRAIGHT)
                if straight != str(text):
                    text.parent.replace(text, nodes.Text(straight))


def own(section, kind):
    """The nodes of ``kind`` in a section, not in its subsections."""
    for node in section.findall(kind):
        parent = node.parent
        while parent is not None and not isinstance(parent, nodes.section):
            parent = parent.parent
        if parent is section:
            yield node


def collect(app, doctree):
    """Record the searchable sections of the page just read."""
    docname = app.env.docname
    entries = {}
    for index in doctree.findall(addnodes.index):
        for entry in index["entries"]:
            if entry[0] == "single":
                entries.setdefault(entry[2], []).append(entry[1])
    found = []
    for section in doctree.findall(nodes.section):
        if isinstance(section.parent, nodes.document):
            continue  # the page's own title: Sphinx's page results cover it
        ids = list(section["ids"])
        own_entries = [value for target in ids for value in entries.get(target, [])]
        if docname not in app.config.search_sections_pages and not own_entries:
            continue
        title = section.next_node(nodes.title)
        outputs = [block.astext() for block in own(section, nodes.literal_block)
                   if "example-output" in block["classes"]]
        found.append({
            "doc": docname,
            "title": title.astext() if title is not None else "",
            "ids": ids,
            "entries": [normal(e) for e in own_entries],
            # Each output without its first line, the command that ran it.
            "text": normal(" ".join(o.split("\n", 1)[-1] for o in outputs)),
        })
    app.env.search_sections = getattr(app.env, "search_sections", {})
    app.env.search_sections[docname] = found


def purge(app, env, docname):
    getattr(env, "search_sections", {}).pop(docname, None)


def merge(app, env, docnames, other):
    mine = env.search_sections = getattr(env, "search_sections", {})
    for docname in docnames:
        if docname in getattr(other, "search_sections", {}):
            mine[docname] = other.search_sections[docname]


def add_to_search_page(app, pagename, templatename, context, doctree):
    if pagename == "search":
        app.add_js_file(INDEX_FILE, defer="defer")
        app.add_js_file(SCRIPT_FILE, defer="defer")


def write_index(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    sections = getattr(app.env, "search_sections", {})
    # The pages named in search_sections_pages first: a tie goes to them.
    first = app.config.search_sections_pages
    docs = sorted(sections, key=lambda d: (d not in first, first.index(d) if d in first else 0, d))
    ordered = [section for doc in docs for section in sections[doc]]
    static = Path(app.outdir) / "_static"
    static.mkdir(exist_ok=True)
    data = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
    (static / INDEX_FILE).write_text(f"var SEARCH_SECTIONS = {data};\n", encoding="utf-8")


def setup(app):
    app.add_config_value("search_sections_pages", [
        "troubleshooting", "troubleshooting-pools", "troubleshooting-system"], "env")
    app.add_transform(StraightQuotesInQuotedTitles)
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("html-page-context", add_to_search_page)
    app.connect("build-finished", write_index)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 1}

