"""Sphinx extension: say where the outputs came from, as their captions say it.

Each output block's caption names the Python, platform and start method it
was captured with. The ``captured-with`` directive sums those captions up in
a sentence, at build time, from the pages as they are: so the sentence never
says more than the captions do, whichever Python ran ``paver cog`` last and
whichever pages it wrote. Only the outputs shown without version tabs are
counted; a tab names its own versions.
"""

import configparser
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


def tested_versions(tox_ini):
    """The Python versions the matrix runs, from tox.ini's envlist: ["3.11", ...]."""
    config = configparser.ConfigParser()
    config.read(tox_ini, encoding="utf-8")
    envs = re.findall(r"\bpy3(\d+)\b", config["tox"]["envlist"])
    return [f"3.{minor}" for minor in envs]


def listed(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class CapturedWith(SphinxDirective):
    """Where the outputs came from (the captions) and where they are tested (tox.ini)."""

    def run(self):
        pages = sorted(Path(self.env.srcdir).glob("*.rst"))
        tox_ini = Path(self.env.app.confdir) / "tox.ini"
        for path in [*pages, tox_ini]:
            self.env.note_dependency(str(path))
        origin = nodes.paragraph("", (
            "The output printed below each script is the script's own, captured when it "
            f"last ran for this page. {sentence(untabbed_origins(pages))} Where the output "
            "differs between Python versions, tabs show each version's output."))
        tested = nodes.paragraph("", (
            "The tests run every example again under each start method, fork, spawn and "
            f"forkserver, on Python {listed(tested_versions(tox_ini))}, and check that it "
            "still prints the same lines."))
        for paragraph in (origin, tested):
            paragraph["from_data"] = True  # not a claim of the prose: see _ext/claims.py
        return [origin, tested]


def setup(app):
    app.add_directive("captured-with", CapturedWith)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
