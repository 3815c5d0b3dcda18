"""Regeneration: plan which blocks need a run, run them side by side, then let
cog write every page at once, or none of them."""

from __future__ import annotations

import concurrent.futures
import os
import time

from . import paths, pythons, reaper, snapshot, writer
from .output import MaskError, equivalent
from .page import BlockError, find_blocks, format_block, marker_in
from .process import ExampleError, locate, run
from .staleness import digest


def stale_blocks(pages=None):
    """Blocks whose embedded output was made from other inputs than today's."""
    blocks, one_pass = _found(paths.distinct(pages or paths.pages())), {}
    return [b for b in blocks
            if b.embedded is None or b.digest != digest(b.script, b.options, one_pass)]


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


def prepare(script, options, pages=()):
    """Run an example for a page: its output, the digest of the inputs it ran from,
    and the caption naming the Python it ran with (the newest its block covers).

    Raises :class:`ExampleError` if the output cannot be embedded, if
    anything under ``examples/``, any page of the article or any of ``pages``
    changed while it ran (it wrote there, or someone edited its inputs), or
    if it cannot run.
    """
    before = digest(script, options)
    try:
        origin = pythons.for_options(options)
    except pythons.NoPythonError as error:
        raise ExampleError(script, str(error)) from None
    watched = snapshot.watched(pages)
    tree = snapshot.take(watched)
    result = run(script, options, python=origin.python)

    def fail(problem):
        raise ExampleError(script, problem, result.output, result.seconds)

    marker = marker_in(result.output)
    if marker:
        fail(f"its output contains {marker!r}, which would end its cog block; "
             "print that text another way")
    changed = snapshot.changed(tree, snapshot.take(watched))
    if changed:
        fail(f"{', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''} changed while it "
             "ran; an example writes its files elsewhere, such as a temporary folder "
             "(if you edited them, run paver cog again)")
    if digest(script, options) != before:
        fail("its inputs changed while it ran; run paver cog again")
    return result, before, origin.caption()


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
    ready, todo = {}, {}
    for b in blocks:
        key = (b.script, b.options.key())
        if not force and b.embedded is not None \
                and b.digest == digest(b.script, b.options, one_pass):
            ready[key] = (b.embedded, b.digest, b.caption)
        else:
            todo[key] = b
    failures = []
    started = time.monotonic()
    # Most examples spend their time waiting, so run several per core.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs or 4 * (os.cpu_count() or 1))
    try:
        futures = {pool.submit(prepare, b.script, b.options, pages): key
                   for key, b in todo.items()}
        for future in concurrent.futures.as_completed(futures):
            b = todo[futures[future]]
            try:
                result, inputs, caption = future.result()
            except ExampleError as error:
                failures.append(error)
                report(f"  failed {b.script} ({error.seconds:.1f} s)")
                continue
            ready[futures[future]] = (result.output, inputs, caption)
            report(f"  ok     {b.script} ({result.seconds:.1f} s)")
    except BaseException:
        reaper.kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        reaper.sweep()
        raise
    pool.shutdown()
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
        output, inputs, caption = ready[(b.script, b.options.key())]
        if (b.path, b.line) in kept:
            output = b.embedded
        return format_block(b.script, output, b.options, inputs, caption)

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
    return 1 if reaper.stopping() else 0


def _kept(blocks, ready, failures, report):
    """The blocks, by ``(page, line)``, whose embedded text stays: their new output
    is equivalent to it under their options. Decided before any page is
    written, since a mask is matched in a helper that may take its time limit
    (a :class:`~.output.MaskError` is a failure of that block) or be stopped.
    """
    kept = set()
    for b in blocks:
        output, _, caption = ready.get((b.script, b.options.key()), (None, None, None))
        if output is None or b.embedded is None or b.caption != caption:
            continue
        try:
            if equivalent(b.embedded, output, b.options):
                kept.add((b.path, b.line))
        except MaskError as error:
            failures.append(ExampleError(b.script, f"{paths.shown(b.path)}:{b.line}: {error}"))
            report(f"  failed {b.script} (its mask, {paths.shown(b.path)}:{b.line})")
    return kept


def _bytes(page):
    try:
        return page.read_bytes()
    except OSError:
        return None
