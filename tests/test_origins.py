"""The sentence that says where the outputs came from says what their captions say.

It is made at build time from the captions on the pages (``_ext/origins.py``),
so a maintainer who regenerates some outputs with another Python cannot leave
it naming a Python that captured none of them.
"""

from collections import Counter

from origins import sentence, untabbed_origins
from origins import tested_versions as versions_in_tox
from test_docs import built, text_of

import examplerunner


def test_the_origins_are_read_from_the_same_captions_the_runner_writes():
    expected = Counter()
    for page in examplerunner.pages():
        for block in examplerunner.find_blocks(page):
            if block.embedded is not None and not block.options.python:
                python, rest = block.caption.removeprefix("Python ").split(" on ", 1)
                system, method = rest.split(", default start method ")
                expected[(python, system, method)] += 1
    assert expected and untabbed_origins(examplerunner.pages()) == expected


def test_outputs_from_several_pythons_are_all_named():
    one = sentence(Counter({("3.15.2", "Linux", "forkserver"): 3}))
    assert one.startswith("All 3 outputs shown without version tabs were captured with "
                          "Python 3.15.2 on Linux, whose default start method is forkserver.")
    mixed = sentence(Counter({("3.15.2", "Linux", "forkserver"): 3,
                              ("3.11.7", "Linux", "fork"): 1}))
    assert "Of the 4 outputs" in mixed and "3 were captured with Python 3.15.2" in mixed
    assert "1 with Python 3.11.7 on Linux (fork)" in mixed


def test_the_first_page_says_what_the_captions_say(site):
    out, _ = site
    page = " ".join(text_of(built(out, examplerunner.SOURCE / "index.rst")).split())
    page = page.replace("\u2019", "'")  # Sphinx's smart quotes
    assert sentence(untabbed_origins(examplerunner.pages())) in page
    assert "on Python 3.11, 3.12, 3.13, 3.14 and 3.15, and check" in page


def test_the_tested_versions_are_those_the_matrix_runs():
    assert versions_in_tox(examplerunner.ROOT / "tox.ini") == ["3.11", "3.12", "3.13", "3.14",
                                                               "3.15"]
