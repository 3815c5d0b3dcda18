"""Sphinx extension: say where the outputs came from, as their captions say it.

Each output block's caption names the Python, platform and start method it
was captured with. The ``captured-with`` directive sums those captions up in
a sentence, at build time, from the pages as they are: so the sentence never
says more than the captions do, whichever Python ran ``paver cog`` last and
whichever pages it wrote. Only the outputs shown without version tabs are
counted; a tab names its own versions.
"""

import re
from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

# format_block() in examplerunner/page.py writes a block's caption four
# spaces in, or seven inside a version tab.
UNTABBED = re.compile(r"^    :caption: Output: Python (\S+) on (\S+), default start method (\S+)$",
                      re.MULTILINE)


def untabbed_origins(pages):
    """How many untabbed outputs of ``pages`` came from each (release, system, method)."""
    found = Counter()
    for page in pages:
        found.update(UNTABBED.findall(Path(page).read_text(encoding="utf-8")))
    return found


def sentence(origins):
    """What the captions say, in one or two sentences."""
    if not origins:
        return "Each output block names the Python it was captured with."
    total = sum(origins.values())
    ranked = origins.most_common()
    (release, system, method), count = ranked[0]
    where = (f"Python {release} on {system}, whose default start method is {method}")
    if count == total:
        text = f"All {total} outputs shown without version tabs were captured with {where}."
    else:
        others = "; ".join(f"{n} with Python {r} on {s} ({m})" for (r, s, m), n in ranked[1:])
        text = (f"Of the {total} outputs shown without version tabs, {count} were captured "
                f"with {where}; {others}.")
    return text + " Each output block's caption names the Python it came from."


class CapturedWith(SphinxDirective):
    def run(self):
        pages = sorted(Path(self.env.srcdir).glob("*.rst"))
        for page in pages:
            self.env.note_dependency(str(page))
        return [nodes.paragraph("", sentence(untabbed_origins(pages)))]


def setup(app):
    app.add_directive("captured-with", CapturedWith)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
