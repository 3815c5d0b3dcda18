"""A cog block's options: typed, frozen, checked, with one canonical key."""

from __future__ import annotations

import dataclasses
import difflib
import re

_RANGE = re.compile(r"3\.(\d+)(\+|-3\.(\d+))?")
"""A range of Python versions: ``3.14``, ``3.14+`` or ``3.11-3.13``."""


def _backtracks(pattern):
    """Whether a regular expression repeats, without a bound, something that
    itself repeats without a bound: ``(a+)+``, ``(a*b?)*``."""
    try:
        from re import _parser as parser
    except ImportError:  # pragma: no cover - every supported Python has it
        return False

    def unbounded_repeats(items, inside):
        for op, value in items:
            if op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
                low, high, body = value
                if high == parser.MAXREPEAT or high > 1:
                    if inside:
                        return True
                    if unbounded_repeats(body, True):
                        return True
                elif unbounded_repeats(body, inside):
                    return True
            elif op == parser.SUBPATTERN and unbounded_repeats(value[-1], inside):
                return True
            elif op == parser.BRANCH and any(unbounded_repeats(b, inside) for b in value[1]):
                return True
            elif op in (parser.ASSERT, parser.ASSERT_NOT) \
                    and unbounded_repeats(value[1], inside):
                return True
        return False

    return unbounded_repeats(parser.parse(pattern), False)


class OptionError(ValueError):
    """An option that does not exist or has a value of the wrong kind."""


def _unshowable(text):
    """Why ``text`` cannot stand in a block's command line, or None if it can."""
    if any(ord(c) < 32 or c == "\x7f" for c in text):
        return "a control character (a newline, a NUL...), which the page's command line " \
               "cannot show"
    if any(marker in text for marker in ("{{{", "}}}")):
        return "a cog marker ('{{{' or '}}}'), which would end the block"
    return None


def check_script(script):
    """Refuse a script name that is no name, or that the page could not show (as ``args``)."""
    if not isinstance(script, str) or not script:
        raise OptionError(f"block({script!r}): the script is a file name in examples/, "
                          "as a string")
    why = _unshowable(script)
    if why:
        raise OptionError(f"block({script!r}): the script's name holds {why}")


@dataclasses.dataclass(frozen=True)
class Options:
    """How a block runs its example and compares its output.

    ``args``: command-line arguments; ``timeout``: seconds it may run;
    ``returncode``: the exit status it is meant to have; ``unordered``: the
    order of its lines varies from run to run; ``mask``: a regular expression
    for text that varies (it is compared as ``<masked>``); ``env``: extra
    environment variables; ``cwd``: the folder the script is in, relative to
    ``examples/``; ``python``: the Python versions this output belongs to, as
    ``"3.14+"``, ``"3.11-3.13"`` or ``"3.14"`` (the default, empty, is every
    version): the block is captured with the newest such Python found and
    tested only on those versions, and the page shows it as one tab of a set.
    ``timeline``: the example records a timeline of its run, to the file that
    ``$TIMELINE`` names (see :mod:`.timeline`), and the page shows its drawing
    under the output of the same run.
    """

    args: tuple[str, ...] = ()
    timeout: float = 30.0
    returncode: int = 0
    unordered: bool = False
    mask: str | None = None
    env: tuple[tuple[str, str], ...] = ()
    cwd: str = "."
    python: str = ""
    timeline: bool = False

    def __post_init__(self):
        check = {
            "args": lambda v: isinstance(v, tuple) and all(isinstance(a, str) for a in v),
            "timeout": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
            and v > 0,
            "returncode": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "unordered": lambda v: isinstance(v, bool),
            "mask": lambda v: v is None or isinstance(v, str),
            "env": lambda v: isinstance(v, tuple) and all(
                isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
                for p in v),
            "cwd": lambda v: isinstance(v, str),
            "python": lambda v: isinstance(v, str),
            "timeline": lambda v: isinstance(v, bool),
        }
        for name, ok in check.items():
            if not ok(getattr(self, name)):
                raise OptionError(f"option {name}={getattr(self, name)!r} has the wrong type")
        oldest, newest = self.versions()
        if self.python and (oldest is None or (newest is not None and newest < oldest)):
            raise OptionError(f"option python={self.python!r} is not a range of Python "
                              "versions such as '3.14', '3.14+' or '3.11-3.13'")
        if self.mask is not None:
            try:
                re.compile(self.mask)
            except re.error as error:
                raise OptionError(f"option mask={self.mask!r} is not a regular expression: "
                                  f"{error}") from None
        self._check_text()

    def _check_text(self):
        """Refuse values that would break the page, the command line or the run."""
        def refuse(name, value, why):
            raise OptionError(f"option {name}={value!r} {why}")

        for arg in self.args:
            why = _unshowable(arg)
            if why:
                refuse("args", self.args, f"holds {why}")
        for name, value in self.env:
            if not name or "=" in name or "\0" in name or "\0" in value:
                refuse("env", dict(self.env), f"has {name!r}={value!r}: a variable's name "
                       "is not empty and has no '=', and neither holds a NUL")
            if name.startswith("EXAMPLERUNNER_") or name == "EXAMPLE_START_METHOD" \
                    or name == "TIMELINE" and self.timeline:
                refuse("env", dict(self.env), f"sets {name}, which the runner sets itself")
        cwd = self.cwd.replace("\\", "/")
        if "\0" in cwd or cwd.startswith("/") or ".." in cwd.split("/"):
            refuse("cwd", self.cwd, "is not a folder under examples/ (a relative path "
                   "without '..')")
        if self.mask is not None and _backtracks(self.mask):
            refuse("mask", self.mask, "nests one repetition in another, such as (a+)+, "
                   "which can take exponential time; write it without the nesting")

    @classmethod
    def make(cls, base=None, **given):
        """Options from keyword values, on top of ``base``; unknown names are refused."""
        names = [f.name for f in dataclasses.fields(cls)]
        for name in given:
            if name not in names:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise OptionError(f"unknown option {name!r}{hint}; "
                                  f"the options are {', '.join(names)}")
        if "args" in given and isinstance(given["args"], list):
            given["args"] = tuple(given["args"])
        if "env" in given and isinstance(given["env"], dict):
            given["env"] = tuple(sorted(given["env"].items()))
        if "cwd" in given:
            given["cwd"] = str(given["cwd"])
        return dataclasses.replace(base or cls(), **given)

    def versions(self):
        """``(oldest, newest)`` minor versions of Python 3 this output belongs to.

        ``newest`` is None for an open range; both are None for every version.
        """
        found = _RANGE.fullmatch(self.python)
        if not found:
            return None, None
        oldest = int(found[1])
        if found[2] == "+":
            return oldest, None
        return oldest, int(found[3]) if found[3] else oldest

    def covers(self, version):
        """Whether this output belongs to Python ``version`` (a ``(3, minor)`` tuple)."""
        oldest, newest = self.versions()
        minor = version[1]
        return (oldest is None or minor >= oldest) and (newest is None or minor <= newest)

    def given(self):
        """The options that differ from their defaults, by name."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if getattr(self, f.name) != f.default}

    def key(self):
        """The canonical text of these options: equal options, equal keys."""
        items = []
        for name, value in sorted(self.given().items()):
            items.append((name, dict(value) if name == "env" else value))
        return repr(items)
