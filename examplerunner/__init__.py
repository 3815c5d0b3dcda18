"""Run the article's example scripts and turn their output into reST.

One package shared by the cog blocks in ``source/``, by the tests and by the
benchmarks, so all three see an example the same way. One concern a module:

``paths``       where the project's parts are, and which pages a name means
``helper``      short-lived helper processes, bounded in time and stopped at once
``options``     a block's options, typed and checked
``process``     running one example as a terminal would
``session``     the leader of an example's terminal session, as a shell (a program)
``reaper``      finding and killing every process a run left behind
``subreaper``   adopting every orphan, so none hides (Linux)
``output``      cleaning what it printed, and comparing outputs
``page``        the cog blocks of a page: reading and formatting them
``pythons``     which Python captures a block, and where its output came from
``tree``        the paths under a folder, links followed as both of these follow them
``staleness``   what an example's output depends on, as a digest
``lock``        which inputs each embedded output came from, beside the pages
``snapshot``    what changed on disk while an example ran
``blame``       which run made a change, where it can be told
``writer``      replacing the pages: all or none, never over an edit
``regenerate``  refreshing the pages, all of them or none
``api``         :func:`block`, what a page's cog code calls: above all the others
``__main__``    the command line: ``python -m examplerunner``
"""

from . import pythons
from .api import block
from .options import OptionError, Options
from .output import MaskError, clean, comparable, same_lines, same_output
from .page import Block, BlockError, find_blocks, format_block, parse_block
from .paths import EXAMPLES, ROOT, SOURCE, SPHINX_BUILD, PageError, pages, resolve_pages
from .process import LINGER, ExampleError, Result, child_environment, run
from .pythons import NoPythonError, Origin, ProbeError
from .reaper import kill_running
from .regenerate import prepare, regenerate, stale_blocks
from .staleness import dependencies, digest

__all__ = [
    "EXAMPLES", "LINGER", "ROOT", "SOURCE", "SPHINX_BUILD", "Block", "BlockError",
    "ExampleError", "MaskError", "NoPythonError", "OptionError", "Options", "Origin", "PageError",
    "ProbeError", "Result",
    "block",
    "child_environment", "clean", "comparable", "dependencies", "digest", "find_blocks",
    "format_block", "kill_running", "pages", "parse_block", "prepare", "regenerate",
    "pythons", "resolve_pages", "run", "same_lines", "same_output", "stale_blocks",
]
