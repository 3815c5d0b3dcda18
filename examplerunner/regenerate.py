"""Regeneration: plan which blocks need a run, run them side by side, then let
cog write every page at once, or none of them."""

from __future__ import annotations

import concurrent.futures
import os
import stat
import tempfile
import time
from pathlib import Path

from . import paths, pythons
from .page import find_blocks, format_block, marker_in, run_cog
from .process import ExampleError, run
from .reaper import kill_running
from .staleness import dependencies, digest


def stale_blocks(pages=None):
    """Blocks whose embedded output was made from other inputs than today's."""
    return [b for page in (pages or paths.pages()) for b in find_blocks(page)
            if b.embedded is None or b.digest != digest(b.script, b.options)]


def prepare(script, options):
    """Run an example for a page: its output, the digest of the inputs it ran from,
    and the caption naming the Python it ran with (the newest its block covers).

    Raises :class:`ExampleError` if the output cannot be embedded, if the
    example wrote into ``examples/`` or read a file there that is not among
    its inputs, or if its inputs changed while it ran.
    """
    before = digest(script, options)
    try:
        origin = pythons.for_options(options)
    except pythons.NoPythonError as error:
        raise ExampleError(script, str(error)) from None
    result = run(script, options, python=origin.python)
    folder = paths.EXAMPLES / options.cwd

    def fail(problem):
        raise ExampleError(script, problem, result.output, result.seconds)

    marker = marker_in(result.output)
    if marker:
        fail(f"its output contains {marker!r}, which would end its cog block; "
             "print that text another way")
    written = sorted(paths.shown(p) for kind, p in result.opened if kind == "w")
    if written:
        fail(f"it wrote into its folder ({', '.join(written)}); "
             "an example must write its files elsewhere, such as a temporary folder")
    known = {str((folder / name).resolve()) for name in dependencies(script, folder)}
    unknown = sorted(paths.shown(p) for kind, p in result.opened
                     if kind == "r" and Path(p).is_file() and str(Path(p).resolve()) not in known)
    if unknown:
        fail(f"it read {', '.join(unknown)}, which its inputs digest would not cover; "
             "name the file or its folder in the script as a string")
    if digest(script, options) != before:
        fail("its inputs changed while it ran; run paver cog again")
    return result, before, origin.caption()


def run_for_page(script, options):
    """What block() returns when cog runs outside a regeneration."""
    result, inputs, caption = prepare(script, options)
    return format_block(script, result.output, options, inputs, caption)


def _cog_to_temporary(page, filler):
    """Cog ``page`` into a new file beside it, with the page's mode; return its path."""
    fd, tmp = tempfile.mkstemp(dir=page.parent, prefix=f".{page.name}.", suffix=".tmp")
    os.close(fd)
    try:
        run_cog(page, tmp, filler)
        os.chmod(tmp, stat.S_IMODE(os.stat(page).st_mode))
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def regenerate(pages=None, *, force=False, jobs=None, report=print):
    """Refresh every cog block of ``pages``; return the number of failures.

    The examples whose inputs changed (all of them with ``force``) run
    concurrently. Pages are rewritten only if every example succeeded and
    cog wrote every page; each replace is atomic and keeps the page's mode,
    so a failure or an interrupt leaves the pages byte-identical.
    """
    pages = [Path(p) for p in (pages or paths.pages())]
    blocks = [b for page in pages for b in find_blocks(page)]
    ready, todo = {}, {}
    for b in blocks:
        key = (b.script, b.options.key())
        if not force and b.embedded is not None and b.digest == digest(b.script, b.options):
            ready[key] = (b.embedded, b.digest, b.caption)
        else:
            todo[key] = b
    failures = []
    started = time.monotonic()
    # Most examples spend their time waiting, so run several per core.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs or 4 * (os.cpu_count() or 1))
    try:
        futures = {pool.submit(prepare, b.script, b.options): key for key, b in todo.items()}
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
        kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    report(f"{len(todo)} run, {len(blocks) - len(todo)} unchanged, "
           f"{len(failures)} failed in {time.monotonic() - started:.1f} s")
    if failures:
        for error in failures:
            report(f"\n{error}")
        report("\nNo page was changed.")
        return len(failures)

    def fill(b, previous):
        output, inputs, caption = ready[(b.script, b.options.key())]
        return format_block(b.script, output, b.options, inputs, caption)

    written = {}
    try:
        for page in pages:
            written[page] = _cog_to_temporary(page, fill)
    except BaseException:
        for tmp in written.values():
            os.unlink(tmp)
        raise
    for page, tmp in written.items():
        if tmp.read_bytes() == page.read_bytes():
            os.unlink(tmp)
        else:
            os.replace(tmp, page)
            report(f"updated {paths.shown(page)}")
    return 0
