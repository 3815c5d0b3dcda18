"""Regeneration: plan which blocks need a run, run them side by side, then let
cog write every page at once, or none of them."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import time

from . import blame, lock, paths, pythons, reaper, recording, snapshot, writer
from .output import MaskError, equivalent_many
from .page import BlockError, find_blocks, format_block, marker_in
from .process import ExampleError, Result, locate, run
from .staleness import digest


def stale_blocks(pages=None):
    """Blocks whose embedded output was made from other inputs than today's, and
    timeline blocks whose drawing's record is missing."""
    blocks, one_pass = _found(paths.distinct(pages or paths.pages())), {}
    return [b for b in blocks
            if _unfilled(b) or b.digest != digest(b.script, b.options, one_pass)]


def _unfilled(b):
    """Whether a block lacks what it embeds: its output, or its timeline's record."""
    return b.embedded is None or b.options.timeline and b.timeline is None


def _found(pages):
    """Every block of ``pages``; a :class:`BlockError` naming page and line for one
    whose script or folder is not under ``examples/``, as for any broken block."""
    blocks = []
    for page in pages:
        if reaper.stopping():
            raise reaper.Stopped()
        blocks += find_blocks(page)
    for b in blocks:
        try:
            locate(b.script, b.options)
        except ExampleError as error:
            raise BlockError(f"{paths.shown(b.path)}:{b.line}: {error}") from None
    return blocks


@dataclasses.dataclass(eq=False)  # each run is itself
class _Run:
    """One example's run, watched: its outcome, and what changed on disk meanwhile."""

    script: str
    activity: blame.Activity
    result: Result | None = None
    error: ExampleError | None = None
    inputs: str = ""
    caption: str = ""
    drawn: tuple | None = None
    """A timeline block's drawing: ``(caption, record)``, where the caption adds
    the cores and machine to the output's."""
    changes: dict = dataclasses.field(default_factory=dict)
    """Each path that changed while it ran, with the time of its change (ns)."""
    seen_between: tuple = (0, 0)
    """When the snapshots before and after it began and ended (ns)."""


def _watched(script, options, pages, inputs=None):
    """Run an example, with snapshots of every page and of ``examples/`` around it;
    a :class:`_Run`, whether it failed or not (what changed is judged later,
    with every run that went on meanwhile: see :func:`_judged`).

    ``inputs`` is the digest of its inputs taken before, when a regeneration
    planned its runs (in one pass over every block); taken earlier, it
    still says what the run must have run from: a change after it that the
    snapshots do not see makes the digest after the run differ, a failure."""
    done = _Run(script, blame.Activity(script))
    done.inputs = digest(script, options) if inputs is None else inputs
    try:
        origin = pythons.for_options(options)
    except pythons.NoPythonError as error:
        done.error = ExampleError(script, str(error))
        return done
    watched = snapshot.watched(pages)
    first, tree = time.time_ns(), snapshot.take(watched)
    try:
        if options.timeline:
            done.result, record = recording.run_recorded(
                script, options, python=origin.python, activity=done.activity)
            done.drawn = (f"{origin.caption()}, {recording.machine(origin.python)}", record)
        else:
            done.result = run(script, options, python=origin.python, activity=done.activity)
    except ExampleError as error:
        done.error = error
    except pythons.ProbeError as error:
        done.error = ExampleError(script, str(error))
    done.changes = snapshot.changes(tree, snapshot.take(watched))
    done.seen_between = first, time.time_ns()
    if done.error:
        return done
    done.caption = origin.caption()
    result = done.result
    marker = marker_in(result.output)
    if marker:
        done.error = ExampleError(script, f"its output contains {marker!r}, which would end "
                                  "its cog block; print that text another way",
                                  result.output, result.seconds)
    elif not done.changes and digest(script, options) != done.inputs:
        done.error = ExampleError(script, "its inputs changed while it ran; run paver cog again",
                                  result.output, result.seconds)
    return done


_WRITES_ELSEWHERE = ("an example writes its files elsewhere, such as a temporary folder "
                     "(if you edited them, run paver cog again)")


def _judged(runs):
    """The failures of ``runs``, which went on side by side, each with the runs it
    names: a run's own failure, with the changes laid on it, and for a change
    that several runs could have made, one failure naming them all.

    Every change that a run's snapshots found fails someone: the runs that
    could have made it (see :func:`.blame.culprits`) or, if none of them
    could, the run that found it.
    """
    activities = [r.activity for r in runs]
    owners = {id(r.activity): r for r in runs}
    laid = {}
    for r in runs:
        for path, when in r.changes.items():
            found = blame.culprits(activities, path, when, r.seen_between) or [r.activity]
            suspects = tuple(sorted({owners[id(a)] for a in found}, key=runs.index))
            laid.setdefault(suspects, set()).add(path)
    failures = []
    for r in runs:
        problems = [r.error.problem] if r.error else []
        if (r,) in laid:
            problems.append(f"{snapshot.shown(laid.pop((r,)))} changed while it ran; "
                            + _WRITES_ELSEWHERE)
        if problems:
            output, seconds = (r.error.output, r.error.seconds) if r.error else \
                (r.result.output, r.result.seconds)
            failures.append(((r,), ExampleError(r.script, "; and ".join(problems), output,
                                                seconds)))
    for suspects, changed in laid.items():
        scripts = sorted(r.script for r in suspects)
        names = ", ".join(scripts[:-1]) + " and " + scripts[-1]
        failures.append((suspects, ExampleError(
            names, f"{snapshot.shown(changed)} changed while these ran side by side, and which "
            "of them changed it cannot be told (run each alone, as python3 SCRIPT in "
            "examples/, to see); " + _WRITES_ELSEWHERE)))
    return failures


def prepare(script, options, pages=()):
    """Run an example for a page: its output, the digest of the inputs it ran from,
    and the caption naming the Python it ran with (the newest its block covers).

    Raises :class:`ExampleError` if the output cannot be embedded, if
    anything under ``examples/``, any page of the article or any of ``pages``
    changed while it ran (it wrote there, or someone edited its inputs), or
    if it cannot run.
    """
    done = prepared(script, options, pages)
    return done.result, done.inputs, done.caption


def prepared(script, options, pages=()):
    """:func:`prepare`'s run itself: with ``result``, ``inputs``, ``caption``, and
    for a timeline block ``drawn``, the caption and record of its drawing."""
    done = _watched(script, options, pages)
    for _, error in _judged([done]):
        raise error
    return done


def regenerate(pages=None, *, force=False, jobs=None, report=print, written=None):
    """Refresh every cog block of ``pages``; return the number of failures.

    The examples whose inputs changed (all of them with ``force``) run
    concurrently. Pages are rewritten only if every example succeeded, cog
    wrote every page, no page changed since it was read, and no stop was
    asked for; each replace is atomic and keeps the page's mode. The pages
    written are appended to ``written``. An output from the same Python that
    differs from the embedded one only where the block's options allow (lines
    in another order for ``unordered``, other masked text) keeps the embedded
    text, so a page changes only where its output really did.
    """
    pages = paths.distinct(pages or paths.pages())  # a page linked under two names is one
    originals = {page: writer.read(page) for page in pages}
    blocks, one_pass = _found(pages), {}
    ready, todo, inputs = {}, {}, {}
    for b in blocks:
        key = (b.script, b.options.key())
        inputs[key] = digest(b.script, b.options, one_pass)
        if not force and not _unfilled(b) and b.digest == inputs[key]:
            ready[key] = (b.embedded, b.digest, b.caption, b.timeline)
        else:
            todo[key] = b
    failures = []
    started = time.monotonic()
    # Most examples spend their time waiting, so run several per core.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs or 4 * (os.cpu_count() or 1))
    runs = {}
    try:
        futures = {pool.submit(_watched, b.script, b.options, pages, inputs[key]): key
                   for key, b in todo.items()}
        for future in concurrent.futures.as_completed(futures):
            done = runs[futures[future]] = future.result()
            if done.error:
                report(f"  failed {done.script} ({done.error.seconds:.1f} s)")
            else:
                report(f"  ok     {done.script} ({done.result.seconds:.1f} s)")
    except BaseException:
        reaper.kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        reaper.sweep()
        raise
    pool.shutdown()
    judged = _judged(list(runs.values()))
    for suspects, error in judged:
        failures.append(error)
        if len(suspects) > 1:
            report(f"  failed {error.script} (one of them changed what it may not)")
        elif not suspects[0].error:
            report(f"  failed {error.script} (it changed what it may not)")
    failed = {id(r) for suspects, _ in judged for r in suspects if len(suspects) == 1}
    for key, done in runs.items():
        if id(done) not in failed:
            ready[key] = (done.result.output, done.inputs, done.caption, done.drawn)
    orphans = reaper.sweep()
    if orphans:
        failures.append(ExampleError("an example", f"left {orphans} process(es) running that "
                                     "no single run could be told from; they were killed"))
    kept = _kept(blocks, ready, failures, report)
    report(f"{len(todo)} run, {len(blocks) - len(todo)} unchanged, "
           f"{len(failures)} failed in {time.monotonic() - started:.1f} s")
    if failures:
        for error in failures:
            report(f"\n{error}")
        changed = [paths.shown(p) for p, text in originals.items() if _bytes(p) != text]
        if changed:
            report(f"\nNo page was written, but {', '.join(changed)} changed while the "
                   "examples ran.")
        else:
            report("\nNo page was changed.")
        return len(failures)
    if reaper.stopping():
        return 1

    def fill(b, previous):
        output, inputs, caption, drawn = ready[(b.script, b.options.key())]
        if (b.path, b.line) in kept:
            output, drawn = b.embedded, b.timeline or drawn
        return format_block(b.script, output, b.options, caption, drawn)

    temporaries = {}
    try:
        writer.unchanged_or_raise(originals)
        for page in pages:
            tmp = writer.cog_to_temporary(page, originals[page], fill)
            if tmp:
                temporaries[page] = tmp
    except BaseException as error:
        for tmp in temporaries.values():
            os.unlink(tmp)
        if not isinstance(error, writer.PageChanged):
            raise
        report(f"error: {error}")
        return 1
    try:
        done = writer.replace_all(temporaries, originals, report)
    except writer.PageChanged as error:
        report(f"error: {error}")
        return 1
    if written is not None:
        written += done
    if reaper.stopping():
        return 1
    _lock(blocks, ready, pages == paths.distinct(paths.pages()), report)
    return 0


def _lock(blocks, ready, everything, report):
    """Note in the lock the inputs each block's output now comes from, once every
    page is in place (a page left unwritten leaves its blocks stale, to run
    again). With ``everything`` (every page was read), entries that no block
    uses go."""
    entries = {} if everything else lock.read()
    for b in blocks:
        entries[lock.key(b.script, b.options)] = ready[(b.script, b.options.key())][1]
    if lock.write(entries):
        report(f"updated {paths.shown(lock.where())}")


def _kept(blocks, ready, failures, report):
    """The blocks, by ``(page, line)``, whose embedded text stays: their new output
    is equivalent to it under their options. Decided before any page is
    written, since a mask is matched in a helper that may take its time limit
    (a :class:`~.output.MaskError` is a failure of that block) or be stopped.

    A timeline block keeps its output and its drawing together, and only
    where the new run came from the same inputs and the same machine (the
    drawing's caption): its times differ from run to run, so a new drawing
    of the same facts would change the page for nothing, but changed inputs
    (a task made longer) can change the picture while the output stays.
    """
    compared = []
    for b in blocks:
        output, inputs, caption, drawn = ready.get((b.script, b.options.key()),
                                                   (None, None, None, None))
        if output is None or b.embedded is None or b.caption != caption:
            continue
        if b.options.timeline and (b.timeline is None or drawn is None or b.digest != inputs
                                   or b.timeline[0] != drawn[0]):
            continue
        compared.append((b, output))
    kept = set()
    answers = equivalent_many((b.embedded, output, b.options) for b, output in compared)
    for (b, _), same in zip(compared, answers, strict=True):
        if isinstance(same, MaskError):
            failures.append(ExampleError(b.script, f"{paths.shown(b.path)}:{b.line}: {same}"))
            report(f"  failed {b.script} (its mask, {paths.shown(b.path)}:{b.line})")
        elif same:
            kept.add((b.path, b.line))
    return kept


def _bytes(page):
    try:
        return page.read_bytes()
    except OSError:
        return None
