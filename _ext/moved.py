"""Sphinx extension: an address into a page that was split still finds its section.

A long page is split into parts that keep its name as their first word: the
first part keeps the name itself (``realprograms``) and the others add to it
(``realprograms-logging``). Such pages form a family. Each page of a family
carries the ids that its sister pages hold and it does not, with the page
that holds each; a reader who follows an old address, say
``realprograms.html#realprograms-logging``, is sent on to the page where
that section now lives, before this one draws. An id found on the page
itself is never sent anywhere.
"""

import html
import json
import re

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = ("(function(){var moved=JSON.parse(document.currentScript.dataset.moved);"
          "var id=decodeURIComponent(location.hash.slice(1));"
          "if(Object.prototype.hasOwnProperty.call(moved,id))"
          "location.replace(moved[id]+location.hash);})();")


def family(docname):
    """The first word of a page's name: what its parts share."""
    return docname.split("-", 1)[0]


RAW_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def ids_of(env, docname):
    """The ids a page holds: its sections' and labels', and those its raw HTML
    gives (a timeline's figure)."""
    doctree = env.get_doctree(docname)
    found = set(doctree.ids)
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split():
            found.update(RAW_ID.findall(raw.astext()))
    return found


def moved_from(app, pagename):
    """Ids of ``pagename``'s sisters that it does not hold, each with its page's address."""
    env = app.env
    if pagename not in env.found_docs:
        return {}
    sisters = sorted(d for d in env.found_docs
                     if d != pagename and "/" not in d and family(d) == family(pagename))
    if not sisters:
        return {}
    cache = app.env.__dict__.setdefault("_moved_ids", {})
    for docname in [pagename, *sisters]:
        if docname not in cache:
            cache[docname] = ids_of(env, docname)
    moved = {}
    for sister in sisters:
        uri = app.builder.get_relative_uri(pagename, sister)
        for ident in cache[sister] - cache[pagename]:
            moved.setdefault(ident, uri)
    return dict(sorted(moved.items()))


def add_redirect(app, pagename, templatename, context, doctree):
    moved = moved_from(app, pagename)
    if moved:
        data = html.escape(json.dumps(moved, separators=(",", ":")), quote=True)
        context["metatags"] = context.get("metatags", "") + (
            f'\n<script id="moved-anchors" data-moved="{data}">{SCRIPT}</script>')


def forget(app, env, docnames):
    env.__dict__.pop("_moved_ids", None)


def setup(app):
    app.connect("html-page-context", add_redirect)
    app.connect("env-before-read-docs", forget)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
