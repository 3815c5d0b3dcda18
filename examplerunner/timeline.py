"""Timelines of real runs: which process ran which task, and when, drawn as SVG.

An example records, for each task, the process that ran it and when it
started and ended (``time.monotonic_ns()``, counted from the parent's start),
and writes that *record* as JSON to the file that ``$TIMELINE`` names. This
module checks a record, sums it up and draws it: one lane per process, one
bar per task, and in each panel's title the total time and the share of it
that the workers sat idle. It imports nothing else of the runner, so it also
runs on its own, as a reader runs it::

    TIMELINE=run.json python3 multiprocessing_timeline_chunksize.py
    python3 timeline.py run.json > run.svg      # or python3 -m examplerunner.timeline

A record::

    {"title": "What the figure shows",
     "panels": [{"title": "chunksize=1",         one run; the panels share one time scale
                 "workers": 4,                    optional: the pool's size, so that a
                                                  worker that ran nothing shows, idle
                 "lane_name": "worker",           optional: how a process ID's lane is named
                 "bars": [[lane, label, start, end],
                          [lane, label, start, end, kind]],
                 "marks": [[lane, label, at]],    optional: moments, such as a result
                                                  handed back to the parent
                 "end": 123}]}                    optional: when the run ended (ns)

``lane`` is a process ID (a number; its lane is named "worker 1", "worker
2"... in the order the processes first ran something) or a name ("parent").
``kind`` is ``"task"`` (the default), ``"wait"`` (not work: a process
starting up, a signal held back) or ``"killed"`` (the process died during
it; ``end`` may then be null: it never ended). Times are nanoseconds. A
panel may hold other keys of the example's own; the drawing leaves them out.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import sys

KINDS = ("task", "wait", "killed")
WIDTH = 360
"""The drawing's width in its own units. At 390 CSS pixels (a phone) the
article's column is 358 px wide, so a unit is about a pixel and 13-unit text
stays above 12 px; wider screens show it at most 30rem wide."""
FONT = 13
LANE, BAR = 22, 18
"""The height of a lane, and of a bar in it."""

STYLE = """
svg.timeline { font-family: system-ui, sans-serif; color: #17202a; background: #ffffff;
  --tl-task: #2f6497; --tl-on-task: #ffffff; --tl-wait: #dce6f1; --tl-wait-edge: #2f6497;
  --tl-killed: #a4262c; --tl-on-killed: #ffffff; --tl-mark: #8a4600; --tl-track: #f1f4f8;
  --tl-grid: #c3ccd6; --tl-gap: #ffffff; }
@media (prefers-color-scheme: dark) {
  svg.timeline { color: #e4e9ef; background: #131416;
    --tl-task: #79aee6; --tl-on-task: #0d1520; --tl-wait: #233246; --tl-wait-edge: #79aee6;
    --tl-killed: #f2a09a; --tl-on-killed: #2a0d0b; --tl-mark: #ffb46b; --tl-track: #222831;
    --tl-grid: #3b4756; --tl-gap: #131416; }
}
"""
"""The colours of a drawing that stands alone (in light and dark mode). In
the article, ``_static/timeline.css`` gives the same classes the same
colours, following the theme's light or dark mode."""

RULES = """
svg.timeline text { fill: currentColor; }
svg.timeline .tl-track { fill: var(--tl-track); }
svg.timeline .tl-grid { stroke: var(--tl-grid); stroke-width: 1; }
svg.timeline .tl-task { fill: var(--tl-task); stroke: var(--tl-gap); stroke-width: 1; }
svg.timeline text.tl-on-task { fill: var(--tl-on-task); }
svg.timeline .tl-wait { fill: var(--tl-wait); stroke: var(--tl-wait-edge); stroke-width: 1; }
svg.timeline .tl-killed { fill: var(--tl-killed); stroke: var(--tl-gap); stroke-width: 1; }
svg.timeline .tl-killed.tl-open { fill: none; stroke: var(--tl-killed); stroke-width: 1.5;
  stroke-dasharray: 4 3; }
svg.timeline text.tl-on-killed { fill: var(--tl-on-killed); }
svg.timeline .tl-cross, svg.timeline text.tl-cross { fill: var(--tl-killed); }
svg.timeline .tl-mark { fill: var(--tl-mark); stroke: var(--tl-mark); stroke-width: 1.5; }
"""
"""What each class of a drawing looks like, in terms of the colours above."""


LEGEND = {
    "task": "task",
    "wait": "not work: starting, or held back",
    "killed": "killed with its process",
    "open": "never ended",
    "mark": "a moment",
}
"""What the legend says of each kind of bar, and of a mark; a record's
``legend`` may say it otherwise (``{"mark": "a result reaches the loop"}``)."""


class RecordError(ValueError):
    """A record that cannot be drawn; the message says what is wrong."""


# Reading and checking a record ----------------------------------------------------------


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RecordError(f"{what} is {value!r}, not a number of nanoseconds")
    return value


def _lane(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        raise RecordError(f"{what}: a lane is a process ID or a name, not {value!r}")
    return value


def check(record):
    """Raise :class:`RecordError` unless ``record`` is a record this module draws."""
    if not isinstance(record, dict) or not isinstance(record.get("panels"), list) \
            or not record["panels"]:
        raise RecordError("a record is an object with a list of panels under 'panels'")
    if not isinstance(record.get("title", ""), str):
        raise RecordError("the record's title is not text")
    legend = record.get("legend", {})
    if not isinstance(legend, dict) or any(k not in LEGEND or not isinstance(v, str)
                                           for k, v in legend.items()):
        raise RecordError(f"'legend' names what some of {', '.join(LEGEND)} mean, as text")
    for p, panel in enumerate(record["panels"], 1):
        where = f"panel {p}"
        if not isinstance(panel, dict) or not isinstance(panel.get("bars", []), list) \
                or not isinstance(panel.get("marks", []), list):
            raise RecordError(f"{where} is not an object with lists 'bars' and 'marks'")
        if not isinstance(panel.get("title", ""), str):
            raise RecordError(f"{where}: its title is not text")
        workers = panel.get("workers", 0)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
            raise RecordError(f"{where}: 'workers' is {workers!r}, not a number of processes")
        if not isinstance(panel.get("lane_name", "worker"), str):
            raise RecordError(f"{where}: 'lane_name' is not text")
        if not isinstance(panel.get("lanes", []), list) or not all(
                isinstance(lane, str) and lane for lane in panel.get("lanes", [])):
            raise RecordError(f"{where}: 'lanes' is not a list of names")
        if not isinstance(panel.get("tasks", []), list):
            raise RecordError(f"{where}: 'tasks' is not a list of labels")
        if panel.get("end") is not None:
            _number(panel["end"], f"{where}: its end")
        if not panel.get("bars") and not panel.get("marks"):
            raise RecordError(f"{where} has neither bars nor marks")
        for b, bar in enumerate(panel.get("bars", []), 1):
            what = f"{where}, bar {b}"
            if not isinstance(bar, list) or len(bar) not in (4, 5):
                raise RecordError(f"{what} is {bar!r}, not [lane, label, start, end(, kind)]")
            _lane(bar[0], what)
            start = _number(bar[2], f"{what}: its start")
            kind = bar[4] if len(bar) == 5 else "task"
            if kind not in KINDS:
                raise RecordError(f"{what}: kind {kind!r} is none of {', '.join(KINDS)}")
            if bar[3] is None:
                if kind != "killed":
                    raise RecordError(f"{what} never ends, but only a killed task may not end")
            elif _number(bar[3], f"{what}: its end") < start:
                raise RecordError(f"{what} ends before it starts")
        for m, mark in enumerate(panel.get("marks", []), 1):
            what = f"{where}, mark {m}"
            if not isinstance(mark, list) or len(mark) != 3:
                raise RecordError(f"{what} is {mark!r}, not [lane, label, at]")
            _lane(mark[0], what)
            _number(mark[2], f"{what}: its moment")


def texts(record):
    """Every piece of text of a checked record: titles, names, labels, the legend."""
    yield record.get("title", "")
    yield from record.get("legend", {}).values()
    for panel in record["panels"]:
        yield from (str(v) for v in (panel.get("title", ""), panel.get("lane_name", "")))
        yield from (str(v) for v in panel.get("lanes", []) + panel.get("tasks", []))
        for item in panel.get("bars", []) + panel.get("marks", []):
            yield from (str(v) for v in item[:2])


def normalised(record):
    """``record`` checked, with every lane named and listed in the order it is drawn.

    A process ID's lane takes the panel's ``lane_name`` and a number, in the
    order the processes first ran something; named lanes come first, in the
    order they first appear. ``workers`` adds idle lanes up to the pool's
    size. Labels become text. Normalising twice changes nothing.
    """
    check(record)
    panels = []
    for panel in record["panels"]:
        bars = [[b[0], str(b[1]), b[2], b[3], b[4] if len(b) == 5 else "task"]
                for b in panel.get("bars", [])]
        marks = [[m[0], str(m[1]), m[2]] for m in panel.get("marks", [])]
        named = list(panel.get("lanes", []))
        for lane in [b[0] for b in bars] + [m[0] for m in marks]:
            if isinstance(lane, str) and lane not in named:
                named.append(lane)
        first = {}
        for lane, _, start, _, _ in bars:
            if isinstance(lane, int):
                first[lane] = min(start, first.get(lane, start))
        for lane, _, at in marks:
            if isinstance(lane, int):
                first.setdefault(lane, at)
        prefix = panel.get("lane_name", "worker")
        names = {pid: f"{prefix} {i}" for i, pid in
                 enumerate(sorted(first, key=lambda pid: (first[pid], pid)), 1)}
        workers = panel.get("workers", 0)
        drawn = [n for n in named if n not in names.values()] + list(names.values())
        for i in range(len(names) + 1, workers + 1):
            if f"{prefix} {i}" not in drawn:
                drawn.append(f"{prefix} {i}")
        out = {"title": panel.get("title", ""), "lanes": drawn,
               "bars": [[names.get(b[0], b[0]), *b[1:]] for b in bars],
               "marks": [[names.get(m[0], m[0]), *m[1:]] for m in marks]}
        if panel.get("tasks") is not None:
            out["tasks"] = [str(t) for t in panel["tasks"]]
        for key in ("workers", "lane_name", "end"):
            if panel.get(key) is not None:
                out[key] = panel[key]
        panels.append(out)
    found = {"title": record.get("title", ""), "panels": panels}
    if record.get("legend"):
        found["legend"] = dict(record["legend"])
    return found


# Summing up ---------------------------------------------------------------------------


def _covered(spans):
    """The total length of the union of ``spans`` (pairs of numbers)."""
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def span(panel):
    """When a normalised panel's run ended: its ``end``, or its last bar or mark."""
    ends = [b[3] for b in panel["bars"] if b[3] is not None] + [b[2] for b in panel["bars"]]
    ends += [m[2] for m in panel["marks"]]
    return max([panel.get("end", 0), *ends, 0])


def lanes(panel):
    """Each lane of a normalised panel: its name, bars and marks, the time its
    tasks kept it busy (``"busy"``) and the time it held nothing (``"idle"``),
    from the start of the run to its end (ns)."""
    end = span(panel)
    found = []
    for name in panel["lanes"]:
        bars = [b for b in panel["bars"] if b[0] == name]
        marks = [m for m in panel["marks"] if m[0] == name]
        closed = [(b[2], end if b[3] is None else b[3]) for b in bars]
        busy = _covered([s for s, b in zip(closed, bars, strict=True) if b[4] != "wait"])
        found.append({"name": name, "bars": bars, "marks": marks, "busy": busy,
                      "idle": end - _covered(closed)})
    return found


def idle_share(panel):
    """The share of the workers' time that they sat idle, or None for a panel that
    does not name its ``workers``. A worker is a lane that ran a task, or one
    of the pool's lanes that ran nothing."""
    if not panel.get("workers"):
        return None
    workers = [lane for lane in lanes(panel) if lane["busy"] or not lane["bars"] and
               not lane["marks"]]
    end = span(panel)
    if not workers or not end:
        return None
    return sum(lane["idle"] for lane in workers) / (len(workers) * end)


def duration(ns, unit=None):
    """``ns`` as a reader reads it: "0.8 ms", "12 ms", "1.25 s"."""
    unit = unit or ("s" if ns >= 2e9 else "ms")
    if unit == "s":
        return f"{ns / 1e9:.2f} s"
    ms = ns / 1e6
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def unstarted(panel):
    """The labels of a panel's ``tasks`` that no bar shows: tasks that never started."""
    shown = {b[1] for b in panel["bars"]}
    return [t for t in panel.get("tasks", []) if t not in shown]


def headline(panel):
    """A panel's title with its total time, its idle share where it has workers,
    and the tasks that never started, where it lists its tasks."""
    text = f"{panel['title']}: " if panel["title"] else ""
    text += f"{duration(span(panel))} in all"
    share = idle_share(panel)
    if share is not None:
        text += f", workers idle {share:.0%}"
    never = unstarted(panel)
    if never:
        text += f"; never started: {', '.join(never)}"
    return text


def summary(record):
    """The record in sentences: each panel's headline, and who ran how many tasks."""
    sentences = []
    for panel in record["panels"]:
        parts = []
        for lane in lanes(panel):
            tasks = [b for b in lane["bars"] if b[4] != "wait"]
            if tasks:
                parts.append(f"{lane['name']} ran {len(tasks)}")
        sentence = headline(panel)
        if parts:
            sentence += "; " + ", ".join(parts)
        sentences.append(sentence + ".")
    return " ".join(sentences)


# Drawing --------------------------------------------------------------------------------


def _ticks(end):
    """Round moments for the time axis, from 0 to ``end`` at most (ns): three to six."""
    if end <= 0:
        return [0]
    power = 10 ** math.floor(math.log10(end))
    step = next(m * power for m in (0.2, 0.25, 0.5, 1, 2) if end / (m * power) < 6)
    return [i * step for i in range(int(end / step + 1e-9) + 1)]


def _tick_label(ns, unit):
    return f"{ns / (1e9 if unit == 's' else 1e6):.3f}".rstrip("0").rstrip(".")


# The advance of each printable ASCII character in DejaVu Sans, regular and bold,
# in twentieths of an em (A is 0): as wide as sans-serif faces come, so that
# what fits by these measures fits in the reader's own face.
_ADVANCES = {
    False: "HJKRNUQGIIKRHIHHNNNNNNNNNNHHRRRLUOOOQNMQQGGOMSPQNQONNPOUONOI"
           "HIRKKNNLNNINNGGMGUNNNNJLINMRMMLNHNR",
    True: "HKLROVSHKKLRIJIIOOOOOOOOOOIIRRRMUQQPROORRIIQNURSPSQPORQXQPPKI"
          "KRKKOPMPOJPPHHOHVPOPPKMKPOTNOMPIPR",
}


def _text_width(text, size=FONT, bold=False):
    """How wide ``text`` is at most, in units, in a sans-serif face."""
    table = _ADVANCES[bold]  # whole twentieths, summed exactly on every Python
    return size * sum(ord(table[ord(c) - 32]) - 65 if " " <= c <= "~" else 17
                      for c in text) / 20


def _lines(text, width, size=FONT, bold=False):
    """``text`` broken into lines that fit ``width`` units."""
    lines = [""]
    for word in text.split(" "):
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and _text_width(trial, size, bold) > width:
            lines.append(word)
        else:
            lines[-1] = trial
    return lines


def _esc(text):
    return html.escape(str(text), quote=True)


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sides(marks, x, left, right):
    """Where each mark's label goes in the row above its lane: ``(mark, anchor, x)``
    for those that fit, choosing the sides that fit the most of them. A label
    stands beside its mark and clear of the other labels and marks."""
    spots = [(m, _text_width(m[1]), x(m[2])) for m in marks if m[1]]
    others = [x(m[2]) for m in marks]

    def placed(sides):
        taken, found = [], []
        for (mark, size, mx), side in zip(spots, sides, strict=True):
            a, b = (mx + 2, mx + 5 + size) if side == "start" else (mx - 5 - size, mx - 2)
            clear = left <= a and b <= right and all(b <= p or q <= a for p, q in taken) \
                and not any(a < o < b for o in others)
            if clear:
                taken.append((a, b))
                found.append((mark, side, mx + 4 if side == "start" else mx - 4))
        return found

    if len(spots) <= 8:
        choices = itertools.product(("start", "end"), repeat=len(spots))
        return max((placed(sides) for sides in choices), key=len, default=[])
    return placed(["start"] * len(spots))


def svg(record, ident="timeline", standalone=True):
    """The SVG drawing of ``record``. ``ident`` prefixes its element IDs, which must
    be unique in a page. ``standalone`` puts the colours in the drawing (a file
    of its own); in the article, ``_static/timeline.css`` gives them."""
    record = normalised(record)
    panels = record["panels"]
    left = 8 + max([_text_width(lane) for p in panels for lane in p["lanes"]] + [40])
    right = WIDTH - 4
    end = max(span(p) for p in panels) or 1
    ticks = _ticks(end)
    unit = "s" if end >= 2e9 else "ms"

    def x(t):
        return left + (right - left) * t / end

    out, y, kinds = [], 0, set()
    for panel in panels:
        for line in _lines(headline(panel), WIDTH, bold=True):
            out.append(f'<text class="tl-title" x="0" y="{y + FONT + 2}" '
                       f'font-weight="bold">{_esc(line)}</text>')
            y += FONT + 4
        y += 6
        found = lanes(panel)
        stop_x = x(span(panel))
        rows = [(lane, _sides(lane["marks"], x, left, WIDTH)) for lane in found]
        height = sum(LANE + (FONT + 4 if named else 0) for _, named in rows)
        for t in ticks:
            out.append(f'<line class="tl-grid" x1="{_num(x(t))}" y1="{y}" x2="{_num(x(t))}" '
                       f'y2="{y + height + 4}"/>')
        for lane, named in rows:
            for mark, anchor, at in named:
                out.append(f'<text class="tl-mark-label" x="{_num(at)}" y="{y + FONT}" '
                           f'text-anchor="{anchor}">{_esc(mark[1])}</text>')
            y += FONT + 4 if named else 0
            top, base = y + (LANE - BAR) / 2, y + LANE / 2 + FONT * 0.35
            out.append(f'<text class="tl-lane" x="{_num(left - 6)}" y="{_num(base)}" '
                       f'text-anchor="end">{_esc(lane["name"])}</text>')
            out.append(f'<rect class="tl-track" x="{_num(left)}" y="{_num(top)}" '
                       f'width="{_num(stop_x - left)}" height="{BAR}"/>')
            marks = [x(m[2]) for m in lane["marks"]]
            for _, label, start, stop, kind in lane["bars"]:
                x1, x2 = x(start), stop_x if stop is None else x(stop)
                width = max(x2 - x1, 1.5)
                kinds.add("open" if stop is None else kind)
                css = f"tl-{kind}" + (" tl-open" if stop is None else "")
                out.append(f'<rect class="{css}" x="{_num(x1)}" y="{_num(top)}" '
                           f'width="{_num(width)}" height="{BAR}"/>')
                if kind == "killed" and stop is not None:
                    out.append(f'<text class="tl-cross" x="{_num(x2 + 1)}" y="{_num(base)}">'
                               '✗</text>')
                size = _text_width(label)
                cuts = sorted([x1, *(m for m in marks if x1 < m < x1 + width), x1 + width])
                a, b = max(itertools.pairwise(cuts), key=lambda gap: gap[1] - gap[0])
                if label and size + 8 <= b - a:  # in the widest stretch that no mark crosses
                    on = "" if stop is None or kind == "wait" else f" tl-on-{kind}"
                    out.append(f'<text class="tl-bar-label{on}" x="{_num((a + b) / 2)}" '
                               f'y="{_num(base)}" text-anchor="middle">{_esc(label)}</text>')
            for mx in marks:
                kinds.add("mark")
                out.append(f'<path class="tl-mark" d="M{_num(mx - 4.5)} {_num(top - 3)}h9'
                           f'l-4.5 7z M{_num(mx)} {_num(top)}v{BAR}"/>')
            y += LANE
        y += 4
        out.append(f'<text class="tl-tick" x="{_num(left - 6)}" y="{y + FONT}" '
                   f'text-anchor="end">{unit}</text>')
        reach = 0
        for t in ticks:
            text = _tick_label(t, unit)
            size = _text_width(text)
            at = min(x(t), WIDTH - size / 2)
            if at - size / 2 >= reach + 6:
                out.append(f'<text class="tl-tick" x="{_num(at)}" y="{y + FONT}" '
                           f'text-anchor="middle">{text}</text>')
                reach = at + size / 2
        y += FONT + 12
    if kinds - {"task"}:
        y, legend = _legend(kinds, {**LEGEND, **record.get("legend", {})}, y)
        out += legend
    height = _num(y)
    head = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" '
            f'viewBox="0 0 {WIDTH} {height}" font-size="{FONT}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{_esc(record["title"] or "Timeline")}</title>',
            f'<desc id="{ident}-desc">{_esc(summary(record))}</desc>']
    if standalone:
        head[1:1] = [f"<style>{STYLE}{RULES}</style>",
                     f'<rect width="{WIDTH}" height="{height}" style="fill: var(--tl-gap)"/>']
    return "\n".join(head + out + ["</svg>"]) + "\n"


def _legend(kinds, texts, y):
    """A row (or more) naming each kind of bar and mark the drawing holds."""
    out, x = [], 0.0
    for kind in [k for k in texts if k in kinds]:
        text = texts[kind]
        width = 18 + _text_width(text) + 14
        if x and x + width > WIDTH:
            x, y = 0.0, y + LANE
        if kind == "mark":
            out.append(f'<path class="tl-mark" d="M{_num(x + 1.5)} {y + 1}h9l-4.5 7z '
                       f'M{_num(x + 6)} {y + 1}v14"/>')
        else:
            css = "tl-killed tl-open" if kind == "open" else f"tl-{kind}"
            out.append(f'<rect class="{css}" x="{_num(x + 1)}" y="{y + 2}" width="12" '
                       'height="12"/>')
        out.append(f'<text class="tl-legend" x="{_num(x + 18)}" y="{y + 13}">{_esc(text)}'
                   '</text>')
        x += width
    return y + LANE, out


# The text alternative -------------------------------------------------------------------


def table_html(record, ident="timeline"):
    """The record as HTML tables, one per panel: each process and what it did when."""
    record = normalised(record)
    out = []
    for panel in record["panels"]:
        unit = "s" if span(panel) >= 2e9 else "ms"
        rows = []
        for lane in lanes(panel):
            items = []
            for _, label, start, stop, kind in lane["bars"]:
                what = {"task": "", "wait": " (not work)", "killed": " (killed)"}[kind]
                if stop is None:
                    items.append(f"{label}{what}: {duration(start, unit)} on, never ended")
                else:
                    items.append(f"{label}{what}: {_span(start, stop, unit)}")
            items += [f"{label}: at {duration(at, unit)}" for _, label, at in lane["marks"]]
            if not items:
                items.append("nothing: idle throughout")
            rows.append(f'<tr><th scope="row">{_esc(lane["name"])}</th>'
                        f'<td>{_esc("; ".join(items))}</td></tr>')
        out.append(f'<table class="docutils timeline-table"><caption>{_esc(headline(panel))}'
                   f'</caption><thead><tr><th scope="col">Process</th>'
                   f'<th scope="col">What it did, from the start of the run</th></tr></thead>'
                   f'<tbody>{"".join(rows)}</tbody></table>')
    return "\n".join(out)


def _span(start, stop, unit):
    text = duration(stop, unit)
    number, _, suffix = text.partition(" ")
    first = duration(start, unit).partition(" ")[0]
    return f"{first}–{number} {suffix}"


def _sentence(text):
    """``text`` ending as a sentence ends: a title followed by more of the caption."""
    return text if not text or text[-1] in ".!?" else text + "."


def figure_html(record, caption, ident="timeline"):
    """The figure a page embeds: the drawing (without its own colours: the article's
    style sheet gives them), its caption, and under a disclosure the tables."""
    record = normalised(record)
    return "\n".join([
        f'<figure class="timeline-figure" id="{ident}">',
        svg(record, ident, standalone=False).rstrip("\n"),
        f'<figcaption><p><span class="caption-text">{_esc(_sentence(record["title"]))}'
        f'</span> Drawn from the run whose output is above: {_esc(caption)}.</p></figcaption>',
        '<details class="timeline-text"><summary>The timeline as text</summary>',
        table_html(record, ident),
        "</details>",
        "</figure>",
    ])


def main(argv=None):
    """``python3 timeline.py RECORD.json [OUT.svg]``: draw a record on its own."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (1, 2) or argv[0] in ("-h", "--help"):
        print("usage: python3 timeline.py RECORD.json [OUT.svg]\n"
              "Draw the record an example wrote (TIMELINE=RECORD.json python3 EXAMPLE.py) "
              "as an SVG timeline, to OUT.svg or to standard output.", file=sys.stderr)
        return 2
    try:
        with open(argv[0], encoding="utf-8") as f:
            drawing = svg(json.load(f))
    except (OSError, ValueError) as error:
        print(f"timeline.py: {argv[0]}: {error}", file=sys.stderr)
        return 1
    if len(argv) == 2:
        with open(argv[1], "w", encoding="utf-8") as f:
            f.write(drawing)
    else:
        sys.stdout.write(drawing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
