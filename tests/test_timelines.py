"""Every timeline the article draws tells the truth about a run.

A block with ``timeline=True`` shows, under its output, a drawing of the
record that the same run wrote (``examplerunner/timeline.py``). Times vary
from run to run, so these tests do not compare them: they run each timeline
example again, under this platform's default start method (every start
method with ``EXAMPLE_MATRIX=full``, as tox runs them on every Python), and
check what its picture claims. Every task appears once, each lane is one
process that ran one task at a time, and the order that the picture is
there to show holds: with ``chunksize=k`` each worker's inputs come in runs
of k; under ``map()`` no result reaches the loop before the last task ends;
a pipeline's second stage takes an item only after the first is done with
it; a Ctrl-C held back comes out once the workers are up. The drawing
itself is checked too: the page holds what ``timeline.py`` draws from the
record it keeps, its text is at least 12 px tall on a phone, and its
colours hold their contrast in light and dark mode.
"""

import itertools
import json
import multiprocessing
import os
import re
import sys
from pathlib import Path

import pytest
import wcag

import examplerunner
from examplerunner import page, recording, timeline

BLOCKS = [b for p in examplerunner.pages() for b in examplerunner.find_blocks(p)
          if b.options.timeline and b.options.covers(sys.version_info[:2])]
METHODS = [m for m in ("fork", "spawn", "forkserver")
           if m in multiprocessing.get_all_start_methods()]
if os.environ.get("EXAMPLE_MATRIX") != "full":
    METHODS = [multiprocessing.get_start_method()]
CSS = examplerunner.ROOT / "_static" / "timeline.css"


def run(script, method):
    """Run a timeline example as the page does: its record as the example wrote
    it, after its output is the page's."""
    block = next(b for b in BLOCKS if b.script == script)
    result, record = recording.run_recorded(script, block.options, start_method=method,
                                            dev_mode=True)
    assert examplerunner.same_output(block.embedded, result.output, block.options), \
        result.output
    return record


def common(record):
    """What every timeline claims: each bar and mark within its run, and each
    process running one task at a time."""
    for panel in record["panels"]:
        end = timeline.span(panel)
        for _, label, start, stop, _ in panel["bars"]:
            assert 0 <= start <= end, (panel["title"], label, start)
            assert stop is None or start <= stop <= end, (panel["title"], label)
        for _, label, at in panel["marks"]:
            assert 0 <= at <= end, (panel["title"], label)
        for lane in panel["lanes"]:
            work = sorted((b[2], end if b[3] is None else b[3]) for b in panel["bars"]
                          if b[0] == lane and b[4] != "wait")
            for (_, first_end), (second_start, _) in itertools.pairwise(work):
                assert first_end <= second_start, f"{lane} ran two tasks at once"


def lanes_of(bars):
    return {b[0] for b in bars}


def labels(bars):
    return sorted(int(b[1]) for b in bars)


def chunksize(record):
    sizes = []
    for panel in record["panels"]:
        bars = sorted(panel["bars"], key=lambda b: int(b[1]))
        assert labels(bars) == list(range(24)), "every task once"
        assert len(lanes_of(bars)) <= panel["workers"] == 4
        size = int(re.search(r"(\d+)$", panel["title"])[1])
        sizes.append(size)
        for i in range(0, 24, size):  # a chunk: one worker, in order, back to back
            chunk = bars[i:i + size]
            assert len(lanes_of(chunk)) == 1, (panel["title"], chunk)
            assert all(a[3] <= b[2] for a, b in itertools.pairwise(chunk)), panel["title"]
    assert sizes == [1, 2, 8]  # map() picks 2 for 24 inputs on 4 workers
    # Chunks of eight: three tasks for four workers, so one of them ran nothing.
    assert len(lanes_of(record["panels"][2]["bars"])) == 3


def map_against_imap_unordered(record):
    mapped, unordered = record["panels"]
    for panel in record["panels"]:
        assert labels(panel["bars"]) == list(range(8)), "every task once"
        assert labels(panel["marks"]) == list(range(8)), "every result once"
        assert len(lanes_of(panel["bars"])) <= panel["workers"] == 3
        ended = {b[1]: b[3] for b in panel["bars"]}
        for _, n, at in panel["marks"]:
            assert at >= ended[n], f"{panel['title']}: result {n} before its task ended"
    last = max(b[3] for b in mapped["bars"])
    assert all(at >= last for _, _, at in mapped["marks"]), "map() handed one back early"
    last = max(b[3] for b in unordered["bars"])
    assert min(at for _, _, at in unordered["marks"]) < last
    # imap_unordered hands results back in the order their tasks ended, bar a tie.
    order = [n for _, n, _ in unordered["marks"]]
    ended = {b[1]: b[3] for b in unordered["bars"]}
    assert all(ended[a] <= ended[b] + 5_000_000 for a, b in itertools.pairwise(order))


def startup(record, raw=None):
    """Each child waits, then works. On the page's run, what the prose reads in
    the picture: the forked children start first, the fork server's second
    child before its first and before either spawned child. On a new run, the
    cause the prose gives, which load cannot reorder: the CPU time a child
    used before its work (a forked child's needs no new interpreter and no
    import; a spawned child's does; the fork server's child is forked).

    Wall-clock start-up, measured 25 times on a 2-core machine at load 9:
    fork 1-52 ms, the fork server's second child 13-254 ms, spawn
    164-1183 ms; the ranges overlap, and the 3.12 matrix once met a run whose
    order was not the picture's. CPU time before the work, on a quiet machine
    (3.11, 3.12, 3.15): fork 0.8-1.0 ms, fork server 8-13 ms, spawn 33-49 ms.
    """
    assert [p["title"] for p in record["panels"]] == sorted(
        multiprocessing.get_all_start_methods())
    start_up = {}
    for panel in record["panels"]:
        assert len(lanes_of(panel["bars"])) == 2
        for lane in lanes_of(panel["bars"]):
            (wait,), (work,) = [[b for b in panel["bars"] if b[0] == lane and b[1] == name]
                                for name in ("start-up", "work")]
            assert wait[4] == "wait" and wait[3] == work[2], panel["title"]
            assert work[3] - work[2] >= 10_000_000  # each child works 10 ms
        start_up[panel["title"]] = [b[3] - b[2] for b in sorted(
            (b for b in panel["bars"] if b[1] == "start-up"), key=lambda b: b[2])]
    if raw is None:
        if {"fork", "spawn"} <= start_up.keys():
            assert max(start_up["fork"]) < min(start_up["spawn"])
        if {"forkserver", "spawn"} <= start_up.keys():
            first, second = start_up["forkserver"]
            assert second < first and second < min(start_up["spawn"])
        return
    cpu = {p["title"]: [used for _, used in p["cpu"]] for p in raw["panels"]}
    assert all(len(used) == 2 for used in cpu.values()), cpu
    for quick in ("fork", "forkserver"):
        if {quick, "spawn"} <= cpu.keys():
            assert max(cpu[quick]) < min(cpu["spawn"]), cpu


def dead_worker(record):
    pool, executor = record["panels"]
    for panel in record["panels"]:
        assert len(panel["bars"]) == len({b[1] for b in panel["bars"]}), "a task twice"
        assert {b[1] for b in panel["bars"]} <= set(panel["tasks"]) == {str(n) for n in range(8)}
        killed = [b for b in panel["bars"] if b[4] == "killed" and b[3] is not None]
        assert [b[1] for b in killed] == ["3"]
        died = killed[0]
        assert not [b for b in panel["bars"] if b[0] == died[0] and b[2] > died[3]], \
            "the dead worker ran nothing more"
    # The pool: every other task ended, in the surviving or a new worker, before
    # the parent gave up on task 3, a second after it began.
    (gave_up,) = pool["marks"]
    assert labels(b for b in pool["bars"] if b[4] == "task") == [0, 1, 2, 4, 5, 6, 7]
    assert all(b[3] < gave_up[2] for b in pool["bars"])
    assert gave_up[2] >= 1_000_000_000
    # The executor: nothing ended or started after it broke, and task 3 and
    # the tasks after it never ended. A task already running in the other
    # worker may still end between the death and the moment the executor
    # sees it (task 2 did, 26 ms after, under forkserver on 3.14 in CI):
    # the page says which tasks end depends on timing.
    (broken,) = executor["marks"]
    assert all(b[2] <= broken[2] and (b[3] is None or b[3] <= broken[2])
               for b in executor["bars"])
    assert {b[1] for b in executor["bars"] if b[4] == "task"}.isdisjoint("34567")


def pipeline(record):
    (panel,) = record["panels"]
    stage = {name: [b for b in panel["bars"] if b[0].startswith(name)]
             for name in ("square", "add_one")}
    assert lanes_of(panel["bars"]) <= set(panel["lanes"]) == {
        "square-1", "square-2", "add_one-1", "add_one-2"}
    for bars in stage.values():
        assert labels(bars) == list(range(8)), "every item once per stage"
    first = {b[1]: b for b in stage["square"]}
    for b in stage["add_one"]:
        assert b[2] >= first[b[1]][3], f"item {b[1]} was taken before it was squared"
    assert min(b[2] for b in stage["add_one"]) < max(b[3] for b in stage["square"])


def ctrl_c(record):
    (panel,) = record["panels"]
    marks = {label: at for _, label, at in panel["marks"]}
    (held,) = [b for b in panel["bars"] if b[0] == "parent"]
    ready = [b for b in panel["bars"] if b[1] == "initializer"]
    assert len(ready) == 2 and len(lanes_of(ready)) == 2
    assert held[2] <= marks["Ctrl-C"] < min(b[3] for b in ready), "pressed while they started"
    assert max(b[3] for b in ready) <= held[3] <= marks["KeyboardInterrupt"]


STARTUP = "multiprocessing_timeline_startup.py"
CLAIMS = {
    "multiprocessing_timeline_chunksize.py": chunksize,
    "multiprocessing_timeline_map.py": map_against_imap_unordered,
    STARTUP: startup,
    "multiprocessing_timeline_dead_worker.py": dead_worker,
    "multiprocessing_timeline_pipeline.py": pipeline,
    "multiprocessing_timeline_ctrlc.py": ctrl_c,
}
"""What each timeline shows, that every run of its example must show too."""


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("script", sorted({b.script for b in BLOCKS}))
def test_a_new_run_shows_what_the_timeline_claims(script, method):
    raw = run(script, method)
    record = timeline.normalised(raw)
    common(record)
    if script == STARTUP:
        startup(record, raw)
    else:
        CLAIMS[script](record)


@pytest.mark.parametrize("script", sorted({b.script for b in BLOCKS}))
def test_the_run_on_the_page_shows_it_too(script):
    """The prose reads the drawing on the page: its record holds the same claims."""
    for b in BLOCKS:
        if b.script == script:
            assert b.timeline is not None, f"{b.name}: no timeline record; run paver cog"
            common(b.timeline[1])
            CLAIMS[script](b.timeline[1])


# The drawing -------------------------------------------------------------------------


def test_every_timeline_example_has_its_claims_here():
    shown = {b.script for p in examplerunner.pages() for b in examplerunner.find_blocks(p)
             if b.options.timeline}
    assert shown == set(CLAIMS)
    assert len(shown) >= 6


def test_each_page_shows_the_drawing_of_the_record_it_keeps():
    """A drawing is never older than timeline.py: the page holds exactly what it
    draws today from the record the page keeps, with the caption it keeps."""
    blocks = [b for p in examplerunner.pages() for b in examplerunner.find_blocks(p)
              if b.options.timeline]
    assert blocks
    for b in blocks:
        assert b.timeline is not None, f"{b.name}: no timeline record; run paver cog"
        caption, record = b.timeline
        assert re.fullmatch(r"Python \S+ on \S+, default start method \S+, \d+ cores? .*",
                            caption), caption
        text = page.format_block(b.script, b.embedded, b.options, b.caption, b.timeline)
        assert text.strip("\n") in b.path.read_text(encoding="utf-8"), \
            f"{b.name}: the drawing is not what timeline.py draws now; run paver cog"


def test_figure_ids_are_unique_on_each_page():
    for p in examplerunner.pages():
        ids = re.findall(r' id="([^"]+)"', p.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), p.name


RECORD = {"title": "A test", "legend": {"mark": "a result"}, "panels": [
    {"title": "first", "workers": 3, "tasks": [0, 1, 2, 3], "bars": [
        [101, 0, 0, 2_000_000], [102, 1, 100_000, 1_000_000, "wait"],
        [102, 2, 1_000_000, 3_000_000], [101, 3, 2_500_000, None, "killed"]],
     "marks": [["parent", "r0", 2_100_000]]},
    {"title": "second", "lanes": ["b", "a"], "bars": [["a", "x", 0, 10], ["b", "y", 5, 8]]}]}


def test_a_record_is_named_and_summed_up():
    drawn = timeline.normalised(RECORD)
    assert timeline.normalised(drawn) == drawn  # the page keeps the normalised record
    first, second = drawn["panels"]
    assert first["lanes"] == ["parent", "worker 1", "worker 2", "worker 3"]
    assert second["lanes"] == ["b", "a"]
    assert timeline.span(first) == 3_000_000
    # worker 1 busy 0-2 and 2.5-3 ms; worker 2 busy 1-3 ms; worker 3 never: 12.5 of 18 idle...
    lanes = {lane["name"]: lane for lane in timeline.lanes(first)}
    assert lanes["worker 1"]["busy"] == 2_500_000 and lanes["worker 1"]["idle"] == 500_000
    assert lanes["worker 2"]["busy"] == 2_000_000 and lanes["worker 2"]["idle"] == 100_000
    assert timeline.idle_share(first) == pytest.approx((500_000 + 100_000 + 3_000_000)
                                                       / 9_000_000)
    assert timeline.headline(first) == "first: 3.0 ms in all, workers idle 40%"
    assert timeline.unstarted(first) == []
    assert timeline.headline(second) == "second: 0.0 ms in all"


def test_the_time_axis_has_three_to_six_round_ticks_for_any_run_length():
    """A run of 650 ms had no tick step (StopIteration in the drawing)."""
    for end in [n * 10 ** e for e in range(3, 11) for n in range(1, 100)] + [1, 999]:
        ticks = timeline._ticks(end)
        assert ticks[0] == 0 and ticks[-1] <= end, (end, ticks)
        assert 3 <= len(ticks) <= 6 or end < 10, (end, ticks)


@pytest.mark.parametrize(("broken", "says"), [
    ({}, "list of panels"),
    ({"panels": [{"bars": [[1, "a", 5, 2]]}]}, "ends before it starts"),
    ({"panels": [{"bars": [[1, "a", 0, None]]}]}, "only a killed task"),
    ({"panels": [{"bars": [[1, "a", 0, 1, "nap"]]}]}, "kind 'nap'"),
    ({"panels": [{"bars": [[True, "a", 0, 1]]}]}, "a lane is"),
    ({"panels": [{"bars": [[1, "a", "0", 1]]}]}, "not a number"),
    ({"panels": [{}]}, "neither bars nor marks"),
    ({"legend": {"bar": "x"}, "panels": [{"bars": [[1, "a", 0, 1]]}]}, "'legend'"),
])
def test_a_record_that_cannot_be_drawn_says_why(broken, says):
    with pytest.raises(timeline.RecordError, match=re.escape(says)):
        timeline.check(broken)


def test_the_drawing_is_accessible_text_and_stands_alone(tmp_path):
    drawing = timeline.svg(RECORD, "t")
    assert drawing.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="timeline"')
    assert 'role="img" aria-labelledby="t-title t-desc"' in drawing
    assert '<title id="t-title">A test</title>' in drawing
    assert "worker 1 ran 2, worker 2 ran 1." in drawing  # the summary in <desc>
    assert "<style>" in drawing and "prefers-color-scheme: dark" in drawing
    assert "<style>" not in timeline.svg(RECORD, "t", standalone=False)
    # Text is text, never smaller than FONT units: 12.9 px at a phone's 358 px column.
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', drawing)]
    assert sizes == [timeline.FONT]
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', drawing)[1])
    assert timeline.FONT * 358 / width >= 12
    # Every x of the drawing stays inside it.
    xs = [float(x) for x in re.findall(r' x1?="([-\d.]+)"', drawing)]
    assert min(xs) >= 0 and max(xs) <= width
    # The reader's way: python3 timeline.py RECORD.json OUT.svg
    source = tmp_path / "run.json"
    source.write_text(json.dumps(RECORD), encoding="utf-8")
    assert timeline.main([str(source), str(tmp_path / "run.svg")]) == 0
    assert (tmp_path / "run.svg").read_text(encoding="utf-8") == timeline.svg(RECORD)
    assert timeline.main([str(tmp_path / "missing.json")]) == 1


def test_the_drawing_runs_alone_as_a_reader_runs_it(tmp_path):
    """timeline.py is one file a reader downloads: it imports nothing of the runner."""
    import subprocess

    copy = tmp_path / "timeline.py"
    copy.write_text(Path(timeline.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "run.json").write_text(json.dumps(RECORD), encoding="utf-8")
    done = subprocess.run([sys.executable, "-I", str(copy), "run.json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout == timeline.svg(RECORD)


def test_a_record_travels_in_the_page_without_a_cog_marker():
    # Objects close in threes here ({"record": {"panels": [{...}]}}), which
    # would end the cog block; a brace inside a text stays as it is.
    record = {"title": "a } b", "panels": [{"bars": [[1, "}", 0, 1]]}]}
    text = page.format_block("x.py", "out", examplerunner.Options.make(timeline=True),
                             "Python 3.15.2 on Linux, default start method fork",
                             ("where", record))
    line = next(li for li in text.split("\n") if li.startswith(page.RECORD_PREFIX))
    assert "}}}" not in line
    assert page.parse_timeline(text) == ("where", timeline.normalised(record))
    assert page.parse_block(text) == "out"
    # A text that holds a marker is refused before it gets there.
    assert "}}}" in list(timeline.texts({"panels": [{"title": "}}}", "bars": []}]}))


def colours(text, selector):
    """The custom properties that a block of ``text`` opened by ``selector`` sets."""
    start = text.index(selector + " {")
    return dict(re.findall(r"(--tl-[\w-]+):\s*(#[0-9a-fA-F]{6})", text[start:text.index("}",
                                                                                       start)]))


def test_colours_hold_their_contrast_and_match_the_standalone_drawing():
    css = CSS.read_text(encoding="utf-8")
    # The theme's page and text colours: black on white, and in dark mode
    # white at 80% on #131416, which shows as #cfd0d0.
    schemes = {"light": (colours(css, "body"), "#ffffff", "#000000"),
               "dark": (colours(css, 'body[data-theme="dark"]'), "#131416", "#cfd0d0")}
    assert colours(css, "  body:not([data-theme=\"light\"])") == schemes["dark"][0]
    for scheme, (tl, page_background, text) in schemes.items():
        # A bar's label against the bar; text on a waiting bar and on the track.
        assert wcag.contrast(tl["--tl-on-task"], tl["--tl-task"]) >= 4.5, scheme
        assert wcag.contrast(tl["--tl-on-killed"], tl["--tl-killed"]) >= 4.5, scheme
        for fill in ("--tl-wait", "--tl-track"):
            assert wcag.contrast(text, tl[fill]) >= 4.5, (scheme, fill)
        # Bars, edges and marks against the page and the track (WCAG 1.4.11: 3:1).
        for shape in ("--tl-task", "--tl-wait-edge", "--tl-killed", "--tl-mark"):
            for ground in (page_background, tl["--tl-track"]):
                assert wcag.contrast(tl[shape], ground) >= 3, (scheme, shape)
        # The killed mark and the marks' names are text on the page.
        assert wcag.contrast(tl["--tl-killed"], page_background) >= 4.5, scheme
    style = timeline.STYLE
    light = dict(re.findall(r"(--tl-[\w-]+): (#[0-9a-fA-F]{6})", style[:style.index("@media")]))
    dark = dict(re.findall(r"(--tl-[\w-]+): (#[0-9a-fA-F]{6})", style[style.index("@media"):]))
    for mine, theirs in ((light, schemes["light"][0]), (dark, schemes["dark"][0])):
        assert {k: v for k, v in mine.items() if k != "--tl-gap"} == theirs


def test_a_timeline_block_keeps_its_drawing_only_for_the_same_inputs_and_machine():
    import importlib

    regenerate = importlib.import_module("examplerunner.regenerate")

    options = examplerunner.Options.make(timeline=True)
    record = {"panels": [{"bars": [[1, "a", 0, 1]]}]}

    def block(digest, where):
        return examplerunner.Block(Path("p.rst"), 1, "x.py", options, "out", digest, "py",
                                   (where, timeline.normalised(record)))

    def kept(b, inputs, where):
        ready = {("x.py", options.key()): ("out", inputs, "py", (where, record))}
        return regenerate._kept([b], ready, [], print)

    assert kept(block("d1", "m"), "d1", "m") == {(Path("p.rst"), 1)}
    assert kept(block("d1", "m"), "d2", "m") == set()  # a task made longer: draw it anew
    assert kept(block("d1", "m"), "d1", "other machine") == set()
    unrecorded = examplerunner.Block(Path("p.rst"), 1, "x.py", options, "out", "d1", "py")
    assert kept(unrecorded, "d1", "m") == set()  # no record kept: nothing to draw again
