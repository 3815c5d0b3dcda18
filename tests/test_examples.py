"""Every example, under every start method, prints what the article shows.

The examples and the options of their blocks are read from the pages, so a
new example joins this matrix as soon as its cog block exists.

``paver test`` runs each example under this platform's default start method;
``paver matrix`` (tox, which sets ``EXAMPLE_MATRIX=full``) runs each one
under every start method, on every Python installed. CI runs both.

A block whose output belongs to some Python versions only (its ``python``
option) is tested on those versions only; the blocks of one example together
cover every version from the oldest the article supports.
"""

import itertools
import multiprocessing
import os
import sys

import pytest
from races import without_exit_wakeup_race

import examplerunner

OLDEST = (3, 11)
"""The oldest Python the article supports and the matrix proves."""
ALL_BLOCKS = [b for page in examplerunner.pages() for b in examplerunner.find_blocks(page)]
BLOCKS = [b for b in ALL_BLOCKS if b.options.covers(sys.version_info[:2])]
METHODS = [m for m in ("fork", "spawn", "forkserver")
           if m in multiprocessing.get_all_start_methods()]
if os.environ.get("EXAMPLE_MATRIX") != "full":
    METHODS = [multiprocessing.get_start_method()]


def assert_same(expected, actual, options, compare):
    if not compare(expected, actual, options):
        # Show the difference as pytest does for two lists of lines.
        key = sorted if compare is examplerunner.same_lines else list
        assert key(examplerunner.comparable(actual, options)) == \
            key(examplerunner.comparable(expected, options))


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.script)
def test_example_output_matches_the_article(block, method):
    # run() raises if the exit status is not the one the block expects, if
    # the example times out, or if it leaves a process running. Development
    # mode makes any warning or leaked resource show up as extra output.
    assert block.embedded is not None, f"{block.name} has no output: run paver cog"
    result = examplerunner.run(block.script, block.options, start_method=method, dev_mode=True)
    output = without_exit_wakeup_race(block.script, result.output)
    assert_same(block.embedded, output, block.options, examplerunner.same_output)


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.script)
def test_example_loses_no_line_through_a_pipe(block, method):
    # A pipe block-buffers: lines may come out in another order, but a
    # process that is terminated before it flushes would lose them.
    assert block.embedded is not None, f"{block.name} has no output: run paver cog"
    result = examplerunner.run(block.script, block.options, start_method=method, pipe=True)
    output = without_exit_wakeup_race(block.script, result.output)
    assert_same(block.embedded, output, block.options, examplerunner.same_lines)


def test_every_example_is_in_the_article():
    shown = set()
    for b in BLOCKS:
        shown |= examplerunner.dependencies(b.script)
    scripts = {p.name for p in examplerunner.EXAMPLES.glob("*.py")}
    assert scripts - shown == set()


def test_every_example_is_in_house_style():
    for path in sorted(examplerunner.EXAMPLES.glob("*.py")):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[0] == "#!/usr/bin/env python3", path.name
        assert lines[1].startswith('"""') and lines[1].endswith('"""'), path.name
        assert path.name.startswith("multiprocessing_"), path.name


def test_no_embedded_output_is_stale():
    stale = [b.name for b in examplerunner.stale_blocks()]
    assert not stale, f"run paver cog: these blocks are older than their inputs: {stale}"


def coverage_problems(blocks):
    """What is wrong with how the tabs of each example cover the Python versions."""
    # The tabs of one example must together say what every Python prints:
    # from the oldest supported version up, with no gap, no overlap and an
    # open end (a newer Python is shown what the newest one printed). An
    # example is its page, its script and the arguments it runs with; how
    # each tab compares its output (mask, unordered, timeout) is its own.
    def example(b):
        return str(b.path), b.options.cwd, b.script, b.options.args

    problems = []
    versioned = sorted((b for b in blocks if b.options.python), key=example)
    for key, group in itertools.groupby(versioned, key=example):
        ranges = sorted(b.options.versions() for b in group)
        if ranges[0][0] != OLDEST[1]:
            problems.append(f"{key}: no output for 3.{OLDEST[1]}: {ranges}")
        for (_, newest), (oldest, _) in itertools.pairwise(ranges):
            if newest is None or oldest != newest + 1:
                problems.append(f"{key}: gap or overlap: {ranges}")
        if ranges[-1][1] is not None:
            problems.append(f"{key}: the newest range must be open (3.N+): {ranges}")
    return problems


def test_versioned_outputs_cover_every_version_once():
    assert coverage_problems(ALL_BLOCKS) == []


def tabs(*options):
    """Blocks of one example on one page, one per set of options."""
    return [examplerunner.Block(examplerunner.SOURCE / "page.rst", 10 * i, "example.py",
                                examplerunner.Options.make(**given), "output", "0" * 16)
            for i, given in enumerate(options)]


def test_version_coverage_looks_at_the_example_not_at_how_each_tab_compares():
    # Tabs that need other masks or timeouts are still one example's tabs...
    assert coverage_problems(tabs({"python": "3.11-3.13", "mask": "a"},
                                  {"python": "3.14+", "mask": "b", "timeout": 60})) == []
    # ... and tabs that each claim the same versions overlap, whatever their options.
    assert coverage_problems(tabs({"python": "3.11+", "mask": "a"},
                                  {"python": "3.11+", "mask": "b"},
                                  {"python": "3.11+", "unordered": True})) != []
    # Other arguments make another example, whose own tabs cover the versions.
    assert coverage_problems(tabs({"python": "3.11+"}, {"python": "3.11+", "args": ("x",)})) \
        == []
