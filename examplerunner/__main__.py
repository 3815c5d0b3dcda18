"""The runner's command line: ``python -m examplerunner cog [--force | --check] [PAGE ...]``.

Ctrl-C, SIGTERM and SIGHUP (a cancelled CI job, a closed terminal) all stop
it the same way: every example still running is killed, with everything it
started, and no page is written once the signal came (the message names any
page written before it).
"""

from __future__ import annotations

import argparse
import signal
import sys

from . import paths
from .page import BlockError
from .reaper import Stopped, stop_everything
from .regenerate import regenerate, stale_blocks

_signalled = []


def _stop(signum, frame):
    """Kill every example now; the regeneration then fails and writes nothing."""
    _signalled.append(signum)
    stop_everything()


def cog(argv, prog="python -m examplerunner cog", written=None):
    parser = argparse.ArgumentParser(prog=prog, description=(
        "Embed the examples' output in the pages. A page is a file, a name in "
        "source/ (index.rst) or a folder of pages; the default is all of source/."))
    parser.add_argument("--force", "-f", action="store_true",
                        help="rerun every example, even those whose inputs did not change")
    parser.add_argument("--check", action="store_true",
                        help="run nothing; fail if any embedded output is older than its inputs")
    parser.add_argument("pages", nargs="*", help="pages to refresh (default: all of source/)")
    options = parser.parse_args(argv)
    pages = paths.resolve_pages(options.pages)
    if options.check:
        stale = stale_blocks(pages)
        for b in stale:
            print(f"stale: {b.name}")
        return 1 if stale else 0
    return 1 if regenerate(pages, force=options.force, written=written) else 0


USAGE = "usage: python -m examplerunner cog [--force | --check] [PAGE ...]"


def main(argv=None, prog="python -m examplerunner cog"):
    """Run a command; return its exit status. Errors in the input are one line.

    ``prog`` is how the command is named in its help (paver calls it ``paver cog``).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in ("-h", "--help"):
        print(f"{USAGE}\n\nThe one command, cog, embeds the examples' output in the "
              "article's pages;\n'cog --help' says more.")
        return 0
    if not argv or argv[0] != "cog":
        print(USAGE, file=sys.stderr)
        return 2
    handled = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
               if hasattr(signal, name)]
    previous = {s: signal.signal(s, _stop) for s in handled}
    _signalled.clear()
    stop_everything(False)
    written = []
    try:
        status = cog(argv[1:], prog, written)
    except (BlockError, paths.PageError) as error:
        if not _signalled:  # else the error is the stop's doing: the stop is reported
            print(f"error: {error}", file=sys.stderr)
        status = 2
    except Stopped:  # a wait (probing a Python, digesting a file) that the stop ended
        status = 1
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        stop_everything(False)  # the stop ends with the command: a caller may run again
    if _signalled:
        name = signal.Signals(_signalled[0]).name
        if written:
            done = ", ".join(paths.shown(p) for p in written)
            print(f"stopped by {name}: every example was killed; the pages written before "
                  f"it came are {done}, and no other page was changed", file=sys.stderr)
        else:
            print(f"stopped by {name}: every example was killed, no page was changed",
                  file=sys.stderr)
        return 128 + _signalled[0]
    return status


if __name__ == "__main__":
    sys.exit(main())
