"""The cog-facing API: :func:`block`, what every page's cog code calls.

It sits above what it uses (the pages' blocks, the regeneration), and no
module of the runner imports it: ``from examplerunner import block`` is how
a page reaches it. How it answers depends on who is running cog (see
:func:`.page.filling`):

* nobody: it runs the example there and then;
* :func:`.page.find_blocks`: it notes the block and gives back what is embedded;
* a regeneration: it gives back the output that was prepared for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import lock
from .options import OptionError, Options, check_script
from .page import (
    Block,
    filler,
    format_block,
    legacy_digest,
    parse_block,
    parse_caption,
    parse_timeline,
)
from .paths import shown
from .regenerate import prepared


def block(script, **options):
    """Run ``script`` and return its output formatted for the article.

    The keyword options are those of :class:`~examplerunner.options.Options`.
    """
    cog = sys.modules.get("cog")
    page = getattr(cog, "inFile", "<no page>")
    line = getattr(cog, "firstLineNum", 0)
    try:
        check_script(script)
        options = Options.make(**options)
        if cog is not None:
            _one_per_cog_block(cog, page, line, script)
        answer = filler()
        entries = lock.read() if answer is not None else {}
    except (OptionError, lock.LockError) as error:
        message = f"{shown(page)}:{line}: {error}"
        if cog is None:
            raise
        cog.error(message)  # cog's own way to stop with a message
    if answer is None:
        done = prepared(script, options)
        return format_block(script, done.result.output, options, done.caption, done.drawn)
    previous = getattr(cog, "previous", "")
    digest = entries.get(lock.key(script, options)) or legacy_digest(previous)
    found = Block(Path(page), line, script, options, parse_block(previous), digest,
                  parse_caption(previous), parse_timeline(previous) if options.timeline else None)
    return answer(found, previous)


def _one_per_cog_block(cog, page, line, script):
    """Refuse a second block() in one cog block: its output could not be read
    back (a block's output is the first one after its code), so it would be
    stale, and run again, every time. ``cog`` is one run's module: the blocks
    seen are noted there."""
    seen = cog.__dict__.setdefault("examplerunner_blocks", {}).setdefault((page, line), [])
    seen.append(script)
    if len(seen) > 1:
        raise OptionError(f"block({script!r}) is the second block() of this cog block, "
                          f"after block({seen[0]!r}); give each its own cog block")
