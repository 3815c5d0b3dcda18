"""Sphinx extension: every sentence about a Python version says what proves it.

An output block proves what it shows; a sentence proves nothing by itself.
So a paragraph of the article that names a Python version from 3.11 on
must carry one of these, or sit in a section whose output is shown per
version (tabs), which then shows the difference it reads:

``:probe:`NAME```
    ``tests/probes/NAME.py``, a script that asserts the claim on the Python
    that runs it; the tests run every probe on every Python the article
    covers, so the probe fails the day the sentence stops being true. It
    renders as a small "checked" link to the probe on the page that lists
    them all (the ``probes`` directive).
``:changelog:`3.14.1 gh-118981```
    a fact about a patch release that cannot be run here, cited from
    CPython's changelog for that release; it renders as a marked citation
    linking the CPython issue, and the tests check that the changelog
    shipped with that Python names the issue under that release.

Text that cog generates from data (between ``.. }}}`` and ``.. {{{end}}}``),
or that a directive marks ``from_data``, is backed by its data, and
captions and code are not prose. A paragraph that names a version and has
none of these is a build warning, and the build treats warnings as errors.
"""

import ast
import os
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import nested_parse_with_titles

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "probes"
VERSION = re.compile(r"(?<![\d.])3\.1[1-9](?![\d])")
CITATION = re.compile(r"(?P<release>3\.1\d\.\d+) (?P<issue>gh-\d+)")
ISSUES = "https://github.com/python/cpython/issues/"
logger = logging.getLogger(__name__)


class backing(nodes.inline):
    """What proves the paragraph it sits in: a probe or a changelog citation."""


def probe_anchor(name):
    return f"probe-{name.replace('_', '-')}"


def probe_summary(path):
    """The first line of a probe's docstring: the claim it checks."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


class ProbeRole(SphinxRole):
    def run(self):
        name = self.text.strip()
        path = PROBES / f"{name}.py"
        if not path.is_file():
            msg = self.inliner.reporter.error(
                f"no probe {name!r}: write tests/probes/{name}.py", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        self.env.note_dependency(str(path))
        self.env.domaindata.setdefault("claims", {}).setdefault(name, set()).add(self.env.docname)
        link = addnodes.pending_xref("", nodes.inline("", "checked"), refdomain="std",
                                     reftype="ref", reftarget=probe_anchor(name),
                                     refexplicit=True, refwarn=True)
        title = f"Checked on every Python from 3.11 by tests/probes/{name}.py"
        return [backing("", "", nodes.superscript("", "", link), probe=name, title=title)], []


class ChangelogRole(SphinxRole):
    def run(self):
        found = CITATION.fullmatch(self.text.strip())
        if not found:
            msg = self.inliner.reporter.error(
                f"a changelog citation reads `3.14.1 gh-118981`, not {self.text!r}",
                line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        release, issue = found["release"], found["issue"]
        link = nodes.reference("", f"cited: {release} changelog, {issue}",
                               refuri=ISSUES + issue.removeprefix("gh-"))
        link["classes"].append("claim-cited")
        return [backing("", "", nodes.Text("("), link, nodes.Text(")"),
                        release=release, issue=issue,
                        title=f"Cited from CPython's changelog for {release}: "
                              "that release cannot be run here")], []


class probe_source(nodes.General, nodes.Element):
    """A probe's script, folded away under a line that names the probe and its
    claim (``<details>`` in HTML): the page lists 65 probes, and their scripts
    shown whole were 17,000 elements for a phone to lay out."""


def visit_probe_source(self, node):
    self.body.append('<details class="probe-source"><summary>'
                     f'Show <code>{self.encode(node["script"])}</code>, which checks: '
                     f'{self.encode(node["claim"])}</summary>')


def depart_probe_source(self, node):
    self.body.append("</details>")


def pass_through(self, node):
    pass


class ProbesDirective(SphinxDirective):
    """Every probe, as a section: its claim, the pages that make it, its script.

    The script's caption (its download link) stays in sight; the script
    itself opens under it (see ``probe_source``)."""

    def run(self):
        lines = []
        folder = os.path.relpath(PROBES, Path(self.env.doc2path(self.env.docname)).parent)
        for path in sorted(PROBES.glob("*.py")):
            name = path.stem
            self.env.note_dependency(str(path))
            summary = probe_summary(path) or name
            lines += [f".. _{probe_anchor(name)}:", "", summary,
                      "-" * max(len(summary), 4), "",
                      f".. literalinclude:: {folder}/{path.name}",
                      f"   :caption: :download:`{path.name} <{folder}/{path.name}>`", ""]
        container = nodes.container()
        nested_parse_with_titles(self.state, StringList(lines, source="probes"), container)
        for block in list(container.findall(nodes.literal_block)):
            path = Path(block.get("source", ""))
            folded = probe_source("", script=path.name,
                                  claim=probe_summary(path) if path.is_file() else path.stem)
            block.replace_self(folded)
            folded += block
        return container.children


def cog_generated(source):
    """The line numbers (1-based) of a page that cog wrote from data."""
    inside, lines = False, set()
    try:
        text = Path(source).read_text(encoding="utf-8")
    except OSError:
        return lines
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped == ".. }}}":
            inside = True
        elif stripped == ".. {{{end}}}":
            inside = False
        elif inside:
            lines.add(number)
    return lines


def shows_versions(section):
    """Whether a section's own text (not its subsections') shows an output per
    Python version, as tabs."""
    own = [child for child in section.children if not isinstance(child, nodes.section)]
    return any(VERSION.search(label.astext()) for child in own
               for container in child.findall(nodes.container)
               if container.get("type") == "tab" for label in container.children[:1])


def unit_of(paragraph):
    """What a backing must sit in: the paragraph, or the whole table a cell is in."""
    node = paragraph
    while node is not None and not isinstance(node, nodes.table):
        node = node.parent
    return node if node is not None else paragraph


def backed(unit):
    if any(True for _ in unit.findall(backing)):
        return True
    if isinstance(unit, nodes.table):  # the sentence that leads into a table
        parent = unit.parent
        before = parent.children[:parent.index(unit)]
        return bool(before) and any(True for _ in before[-1].findall(backing))
    return False


def check_claims(app, doctree):
    generated = {}
    seen = set()
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.next_node(nodes.literal_block) or any(
                isinstance(a, (nodes.caption, nodes.title, nodes.literal_block, nodes.comment,
                               nodes.label, nodes.raw))
                for a in _ancestors(paragraph)):
            continue
        text = paragraph.astext()
        if paragraph.get("from_data") or not VERSION.search(text):
            continue
        source, line = paragraph.source, paragraph.line
        if source and line:
            if source not in generated:
                generated[source] = cog_generated(source)
            if line in generated[source]:
                continue
        unit = unit_of(paragraph)
        if id(unit) in seen or backed(unit):
            continue
        seen.add(id(unit))
        section = next((a for a in _ancestors(paragraph) if isinstance(a, nodes.section)), None)
        if section is not None and shows_versions(section):
            continue
        logger.warning("a sentence names a Python version with nothing that proves it: add "
                       ":probe:`NAME` or :changelog:`3.N.M gh-N`, or show the output per "
                       "version (%s)", _excerpt(text),
                       location=paragraph, type="claims", subtype="unbacked")


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _excerpt(text):
    found = VERSION.search(text)
    start = max(0, found.start() - 50)
    return " ".join(text[start:found.end() + 50].split())


def merge_claims(app, env, docnames, other):
    for name, pages in other.domaindata.get("claims", {}).items():
        env.domaindata.setdefault("claims", {}).setdefault(name, set()).update(pages)


def purge_claims(app, env, docname):
    for pages in env.domaindata.get("claims", {}).values():
        pages.discard(docname)


def setup(app):
    app.add_node(backing, html=(lambda self, node: self.body.append(
                                    self.starttag(node, "span", "", CLASS="claim",
                                                  title=node.get("title", ""))),
                                lambda self, node: self.body.append("</span>")))
    app.add_node(probe_source, html=(visit_probe_source, depart_probe_source),
                 **{builder: (pass_through, pass_through)
                    for builder in ("latex", "text", "man", "texinfo")})
    app.add_role("probe", ProbeRole())
    app.add_role("changelog", ChangelogRole())
    app.add_directive("probes", ProbesDirective)
    app.connect("doctree-read", check_claims)
    app.connect("env-merge-info", merge_claims)
    app.connect("env-purge-doc", purge_claims)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
