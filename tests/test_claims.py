"""Every claim the prose makes about a Python version still holds.

A sentence that says how a Python version behaves carries ``:probe:`NAME```
(see ``_ext/claims.py``): ``tests/probes/NAME.py`` asserts the claim on the
Python that runs it. Here every probe runs on this Python, and the matrix
(``paver matrix``, CI) runs this module on every Python from 3.11 to 3.15,
so a probe fails the day its sentence stops being true. A fact about a patch
release that cannot run here is cited instead (``:changelog:``), and the
changelog that Debian ships with that Python must name the issue under that
release. The build itself fails on a sentence that names a version with
neither.
"""

import gzip
import os
import re
import signal
import subprocess
import sys

import pytest

import examplerunner

PROBES = examplerunner.ROOT / "tests" / "probes"
PAGES = examplerunner.ROOT / "source"
DOCS = examplerunner.ROOT / ".pythons" / "sid" / "usr" / "share" / "doc"
PROBE_ROLE = re.compile(r":probe:`([^`]+)`")
CHANGELOG_ROLE = re.compile(r":changelog:`(3\.(\d+)\.\d+) gh-(\d+)`")
RELEASE = re.compile(r"^What's New in Python (3\.\d+\.\d+)(?: final| release candidate \d+)?\?$",
                     re.MULTILINE)
PROBE_TIMEOUT = 60
"""Seconds a probe may take; the slowest takes a few."""


def pages_text():
    return {page.name: page.read_text(encoding="utf-8") for page in sorted(PAGES.glob("*.rst"))}


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("probe", sorted(PROBES.glob("*.py")), ids=lambda p: p.stem)
def test_the_probe_holds_on_this_python(probe, tmp_path):
    # In a folder of its own, in a session of its own, so that a probe that
    # hangs is stopped with everything it started.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    process = subprocess.Popen([sys.executable, str(probe)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=PROBE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"{probe.name} ran over {PROBE_TIMEOUT} s on Python "
                    f"{sys.version.split()[0]}:\n{output}")
    assert process.returncode == 0, (
        f"{probe.name} no longer holds on Python {sys.version.split()[0]}: "
        f"the sentences that cite it are wrong now\n{output}")


def test_every_probe_backs_a_sentence():
    cited = {name for text in pages_text().values() for name in PROBE_ROLE.findall(text)}
    assert {p.stem for p in PROBES.glob("*.py")} - cited == set()


def releases_of(news):
    """Each issue number in a NEWS file, with the releases whose section names it."""
    found = {}
    bounds = [(m.start(), m.group(1)) for m in RELEASE.finditer(news)]
    for (start, release), (end, _) in zip(bounds, [*bounds[1:], (len(news), "")], strict=True):
        for issue in re.findall(r"\bgh-(\d+)\b", news[start:end]):
            found.setdefault(issue, set()).add(release)
    return found


def shipped_news():
    news = {}
    for path in sorted(DOCS.glob("python3.*/NEWS.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            news[path.parent.name.removeprefix("python")] = releases_of(f.read())
    return news


def test_every_cited_fix_is_in_the_changelog_of_its_release():
    news = shipped_news()
    if not news:
        if os.environ.get("EXAMPLE_MATRIX") == "full":
            pytest.fail("no CPython changelog in .pythons/sid: run paver pythons")
        pytest.skip("no CPython changelog here: paver pythons installs 3.14 and 3.15 with theirs")
    citations = [(page, *c) for page, text in pages_text().items()
                 for c in CHANGELOG_ROLE.findall(text)]
    assert citations
    wrong = []
    for page, release, minor, issue in citations:
        own = news.get(f"3.{minor}")
        if own is not None:
            if release not in own.get(issue, set()):
                wrong.append(f"{page}: gh-{issue} is not under {release} in the {minor} changelog"
                             f" (it is under {sorted(own.get(issue, [])) or 'none'})")
        elif not any(issue in log for log in news.values()):
            # A 3.13 release: no 3.13 changelog ships here, but its fixes are
            # backports, which the newer changelogs name.
            wrong.append(f"{page}: gh-{issue} is in no shipped changelog")
    assert wrong == []


def test_the_release_sections_of_a_changelog_are_found():
    news = ("What's New in Python 3.14.2 final?\n====\n- gh-2: b\n"
            "What's New in Python 3.14.1 final?\n====\n- gh-1: a\n- gh-22: c\n")
    assert releases_of(news) == {"2": {"3.14.2"}, "1": {"3.14.1"}, "22": {"3.14.1"}}


def build_warnings(tmp_path, page):
    """The warnings of a build of one page with the claims extension."""
    from io import StringIO

    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["claims", "sphinx_inline_tabs"]\n')
    (src / "index.rst").write_text(page, encoding="utf-8")
    (src / "claims.rst").write_text("Probes\n======\n\n.. probes::\n", encoding="utf-8")
    warnings = StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    return [line for line in warnings.getvalue().splitlines() if "claims.unbacked" in line]


CHECKED = ":probe:`queue_pickles_later`"


def test_the_build_names_each_unbacked_sentence_and_only_those(tmp_path):
    page = f"""\
Title
=====

From Python 3.14 on, nothing backs this sentence.

From Python 3.14 on, a probe backs this one {CHECKED}.

From 3.14.1 a changelog backs this one :changelog:`3.14.1 gh-126631`.

* A list item about 3.13 with nothing.

.. {{{{{{cog
.. cog.outl("Generated from data on 3.12.")
.. }}}}}}

Generated from data on 3.12.

.. {{{{{{end}}}}}}

Before the table {CHECKED}:

.. list-table::

   * - Python 3.11 to 3.13
     - Python 3.14 on

.. list-table::

   * - An unbacked table cell: Python 3.12

Tabs
----

On 3.11 the output differs, as the tabs show.

.. tab:: Python 3.14 and newer

   new

.. tab:: Python 3.11–3.13

   old
"""
    found = build_warnings(tmp_path, page)
    assert [w.split("index.rst:")[1].split(":")[0] for w in found] == ["4", "10", "29"], found
