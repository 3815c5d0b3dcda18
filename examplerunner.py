"""Run the article's example scripts and turn their output into reST.

This one module is shared by the cog blocks in ``source/``, by the tests and
by the benchmarks, so all three see an example the same way:

* :func:`run` starts one script from ``examples/`` with the current
  interpreter, through a pseudo-terminal so the output reads exactly as it
  would in a terminal, and cleans it;
* :func:`block` formats a run as the ``code-block`` a cog block embeds;
* :func:`find_blocks` reads the cog blocks back out of an ``.rst`` file;
* :func:`regenerate` runs every example of a set of pages concurrently and
  rewrites the pages only when all of them succeeded.
"""

from __future__ import annotations

import ast
import concurrent.futures
import dataclasses
import functools
import hashlib
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
SOURCE = ROOT / "source"
START_METHOD_HOOK = ROOT / "tests" / "startmethod"

DEFAULT_TIMEOUT = 30.0
"""Seconds an example may run; every example finishes in a few."""

LINGER = 5.0
"""Seconds helper processes (resource tracker, forkserver) get to exit
after the script itself has ended, before they count as left behind."""

SPHINX_BUILD = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-c", str(ROOT),
                str(SOURCE)]
"""How the article is built: warnings are errors, every reference must resolve."""

MARKERS = ("{{{cog", "}}}", "{{{end}}}")
DIGEST_PREFIX = ".. inputs digest: "


class ExampleError(Exception):
    """An example exited with the wrong status, timed out or left processes."""

    def __init__(self, script, problem, output, seconds=0.0):
        tail = "\n".join(output.splitlines()[-15:])
        super().__init__(f"{script}: {problem}\n--- last lines it printed ---\n{tail}")
        self.script = script
        self.output = output
        self.seconds = seconds


@dataclasses.dataclass(frozen=True)
class Result:
    script: str
    returncode: int
    output: str
    seconds: float


# Process groups of runs in progress, so an interrupted regeneration can
# kill every one of them.
_running: set[int] = set()
_running_lock = threading.Lock()


def child_environment(start_method=None, extra=None):
    """The environment an example runs in: the caller's, cleaned, plus ``env``.

    ``PYTHONUNBUFFERED`` is dropped so that each process writes whole lines,
    as it does in a terminal; colour is switched off so the text is plain.
    Variables that examples read are dropped too: an example gets them only
    through ``env``, so its output never depends on the caller's shell.
    """
    env = dict(os.environ)
    for name in ("PYTHONUNBUFFERED", "PYTHONSTARTUP", "PYTHONINSPECT", "FORCE_COLOR",
                 "QUEUE_AUTHKEY"):  # the remote-manager examples read a key from it
        env.pop(name, None)
    env.update(NO_COLOR="1", PYTHON_COLORS="0", TERM="dumb", COLUMNS="80", LC_ALL="C.UTF-8")
    if start_method:
        # tests/startmethod/sitecustomize.py reads this and sets the default
        # start method before the script runs.
        env["EXAMPLE_START_METHOD"] = start_method
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(START_METHOD_HOOK), env.get("PYTHONPATH")])
        )
    env.update(extra or {})
    return env


def _read_available(fd, chunks, wait):
    """Read what the terminal has within ``wait`` seconds; False at its end."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: every process holding the terminal has closed it
        return False
    chunks.append(data)
    return bool(data)


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _group_alive(pgid):
    """Whether any process of the group still runs (zombies do not count)."""
    for proc in psutil.process_iter(["status"]):
        try:
            if os.getpgid(proc.pid) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                return True
        except (ProcessLookupError, PermissionError):
            continue
    return False


def run(script, *, args=(), timeout=DEFAULT_TIMEOUT, returncode=0,
        start_method=None, python=None, dev_mode=False, env=None, cwd=EXAMPLES,
        interrupt_after=None, **_block_options) -> Result:
    """Run ``examples/<script>`` and return its cleaned, terminal-like output.

    ``start_method`` makes that method the default, ``python`` runs another
    interpreter, ``dev_mode`` runs it and every process it starts in
    development mode, as ``-X dev`` does (warnings and leaked resources then
    show up in the output), ``env`` adds environment variables, and
    ``cwd`` is the folder the script is in (``examples/`` by default).
    ``interrupt_after`` sends SIGINT to the script's whole process group
    that many seconds after it started, as Ctrl-C in a terminal does.
    Raises :class:`ExampleError` when the script exits with another status
    than ``returncode``, runs longer than ``timeout`` seconds (the whole
    process group is killed), or leaves processes running after it ends.
    """
    command = [python or sys.executable, script, *args]
    if dev_mode:  # through the environment, so every process it starts has it too
        env = {"PYTHONDEVMODE": "1", **(env or {})}
    cwd = EXAMPLES / cwd  # a relative cwd is taken from examples/
    master, slave = pty.openpty()
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            command, cwd=cwd, env=child_environment(start_method, env),
            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
            start_new_session=True,
        )
    finally:
        os.close(slave)
    with _running_lock:
        _running.add(proc.pid)
    chunks, problem, left_behind = [], None, False
    try:
        deadline = started + timeout
        ended_at = None
        while _read_available(master, chunks, 0.05):
            now = time.monotonic()
            if interrupt_after is not None and now > started + interrupt_after:
                interrupt_after = None
                try:
                    os.killpg(proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            if ended_at is None and proc.poll() is not None:
                ended_at = now
            if now > deadline:
                problem = f"timed out after {timeout:g} s; its process group was killed"
                break
            if ended_at is not None and now > ended_at + LINGER:
                left_behind = True
                break
        if problem is None and not left_behind and proc.poll() is None:
            # The terminal closed before the script ended: wait for it.
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                problem = f"timed out after {timeout:g} s; its process group was killed"
        if proc.returncode is not None and not left_behind and _group_alive(proc.pid):
            # The script is gone but its terminal closed: give any helper
            # process that is still exiting a moment before judging it.
            limit = time.monotonic() + LINGER
            while _group_alive(proc.pid) and time.monotonic() < limit:
                time.sleep(0.02)
            left_behind = _group_alive(proc.pid)
    finally:
        _kill_group(proc.pid)
        proc.wait()
        os.close(master)
        with _running_lock:
            _running.discard(proc.pid)
    seconds = time.monotonic() - started
    output = clean(b"".join(chunks).decode("utf-8", "replace"), python)
    if problem is None and left_behind:
        problem = "left processes running after it ended; they were killed"
    if problem is None and proc.returncode != returncode:
        problem = f"exited with status {proc.returncode}, expected {returncode}"
    if problem:
        raise ExampleError(script, problem, output, seconds)
    return Result(script, proc.returncode, output, seconds)


_PATHS_OF_PYTHON = (
    "import json, sys, sysconfig; p = sysconfig.get_paths();"
    "print(json.dumps([p['stdlib'], p['purelib'], sys.prefix, sys.base_prefix]))"
)


@functools.cache
def _machine_paths(python=None):
    """Absolute paths of this machine, longest first, with neutral stand-ins.

    ``python`` is the interpreter that ran the example, when it is not the
    one running this module: its own library paths are replaced too.
    """
    if python and python != sys.executable:
        found = subprocess.run([python, "-c", _PATHS_OF_PYTHON], capture_output=True,
                               text=True, check=True, env=child_environment()).stdout
        stdlib, purelib, prefix, base_prefix = json.loads(found)
    else:
        paths = sysconfig.get_paths()
        stdlib, purelib = paths["stdlib"], paths["purelib"]
        prefix, base_prefix = sys.prefix, sys.base_prefix
    paths = {
        str(EXAMPLES): "/path/to/examples",
        stdlib: "/path/to/lib/python3",
        purelib: "/path/to/site-packages",
        prefix: "/path/to/python",
        base_prefix: "/path/to/python",
        str(ROOT): "/path/to/project",
        str(Path.home()): "/home/user",
    }
    return sorted(paths.items(), key=lambda item: len(item[0]), reverse=True)


def clean(text, python=None):
    """Normalise terminal output: newlines, trailing blanks, machine paths."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for path, neutral in _machine_paths(python):
        if path and path != "/":
            text = text.replace(path, neutral)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


# --- the article's side: cog blocks -------------------------------------

@dataclasses.dataclass(frozen=True)
class Block:
    """One cog block of a page: which script it runs, how, and what it shows."""

    path: Path
    line: int
    script: str
    options: dict
    embedded: str | None
    digest: str | None

    @property
    def name(self):
        return f"{self.path.name}:{self.line} ({self.script})"


def imported_examples(script, seen=None, folder=EXAMPLES):
    """The script plus every script of its folder it imports or runs, recursively."""
    seen = set() if seen is None else seen
    path = Path(folder) / script
    if path.name in seen or not path.exists():
        return seen
    seen.add(path.name)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] + ".py" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module.split(".")[0] + ".py"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A script that starts another one names it in a string.
            if node.value.endswith(".py") and "/" not in node.value:
                names = [node.value]
        for name in names:
            imported_examples(name, seen, folder)
    return seen


def digest(script, options):
    """A fingerprint of everything an example's output depends on."""
    folder = EXAMPLES / options.get("cwd", ".")
    h = hashlib.sha256()
    for name in sorted(imported_examples(script, folder=folder)):
        h.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    h.update(repr(sorted(options.items())).encode())
    return h.hexdigest()[:16]


def format_block(script, output, options):
    """The reST a cog block embeds: a shell session, then the input digest."""
    command = " ".join(["$ python3", script, *options.get("args", ())])
    lines = ["", ".. code-block:: none", "    :class: example-output", "", "    " + command]
    lines += ["    " + line if line else "" for line in output.split("\n")]
    lines += ["", DIGEST_PREFIX + digest(script, options), ""]
    return "\n".join(lines) + "\n"


# Outputs computed ahead by regenerate(), so cog only fills them in.
_prepared: dict[tuple, str] = {}


def _key(script, options):
    return (script, repr(sorted(options.items())))


def block(script, **options):
    """Run ``script`` and return its output formatted for the article.

    Options: ``args`` (command-line arguments), ``timeout`` (seconds),
    ``returncode`` (the exit status the example is meant to have),
    ``unordered=True`` (the order of lines varies from run to run) and
    ``mask`` (a regular expression for text that varies, such as PIDs).
    """
    key = _key(script, options)
    if key not in _prepared:
        _prepared[key] = run(script, **options).output
    return format_block(script, _prepared[key], options)


def _literal_call(code):
    """The script and keyword options of the ``block(...)`` call in ``code``."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "block":
                script = ast.literal_eval(node.args[0])
                options = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
                if "args" in options:
                    options["args"] = tuple(options["args"])
                return script, options
    return None


def find_blocks(path):
    """Every cog block of ``path`` that embeds an example's output."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    begin, end_code, end_output = MARKERS
    found, i = [], 0
    while i < len(lines):
        if begin not in lines[i]:
            i += 1
            continue
        start = i
        j = i + 1
        while end_code not in lines[j] or begin in lines[j]:
            j += 1
        code = "\n".join(line.strip()[3:] if line.strip().startswith("..") else line
                         for line in lines[start + 1:j])
        k = j + 1
        while end_output not in lines[k]:
            k += 1
        call = _literal_call(code)
        if call:
            script, options = call
            body = lines[j + 1:k]
            found.append(Block(path, start + 1, script, options,
                               _embedded_output(body), _embedded_digest(body)))
        i = k + 1
    return found


def _embedded_output(body):
    """The program output inside a generated block, without the ``$`` line."""
    starts = [i for i, line in enumerate(body) if line.startswith("    $ python3 ")]
    if not starts:
        return None
    shown = []
    for line in body[starts[0] + 1:]:
        if line and not line.startswith("    "):
            break
        shown.append(line[4:])
    return "\n".join(shown).strip("\n")


def _embedded_digest(body):
    for line in body:
        if line.startswith(DIGEST_PREFIX):
            return line[len(DIGEST_PREFIX):].strip()
    return None


_CARETS = re.compile(r"^\s*[\^~]+\s*$")
_STDLIB_FRAME = re.compile(r'^(\s*File "/path/to/lib/python3/[^"]*", line )\d+')


def comparable(text, options):
    """An output reduced to what must not vary between runs and Pythons.

    Traceback details that change between Python versions are dropped: the
    line numbers of frames inside the standard library and the ``^^^``
    markers under a failing expression. A block's ``mask`` hides other text
    that varies, and ``unordered`` compares its lines in any order.
    """
    if options.get("mask"):
        text = re.sub(options["mask"], "<masked>", text)
    lines = [_STDLIB_FRAME.sub(r"\1N", line) for line in text.split("\n")
             if not _CARETS.match(line)]
    return sorted(lines) if options.get("unordered") else lines


def same_output(expected, actual, options):
    """Whether two outputs agree as far as a block's options require."""
    return comparable(expected, options) == comparable(actual, options)


def pages(source=SOURCE):
    return sorted(Path(source).rglob("*.rst"))


def stale_blocks(paths=None):
    """Blocks whose embedded output was made from other inputs than today's."""
    return [b for path in (paths or pages()) for b in find_blocks(path)
            if b.digest != digest(b.script, b.options)]


# --- regeneration --------------------------------------------------------

def kill_running():
    """Kill every example still running (used when regeneration is interrupted)."""
    with _running_lock:
        groups = list(_running)
    for pgid in groups:
        _kill_group(pgid)


def _cog_text(path):
    from cogapp import Cog

    cog = Cog()
    cog.options.parse_args(["--markers=" + " ".join(MARKERS)])
    cog._fix_end_output_patterns()
    return cog.process_string(path.read_text(encoding="utf-8"), fname=str(path))


def _write_atomically(path, text):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def regenerate(paths=None, *, force=False, jobs=None, report=print):
    """Refresh every cog block of ``paths``; return the number of failures.

    The examples whose inputs changed (all of them with ``force``) run
    concurrently. Pages are rewritten only if every example succeeded, each
    one atomically, so a failure or an interrupt leaves them byte-identical.
    """
    paths = [Path(p) for p in (paths or pages())]
    blocks = [b for p in paths for b in find_blocks(p)]
    todo = {}
    for b in blocks:
        key = _key(b.script, b.options)
        fresh = b.digest == digest(b.script, b.options) and b.embedded is not None
        if fresh and not force:
            _prepared[key] = b.embedded
        else:
            todo[key] = b
    failures = []
    started = time.monotonic()
    # Most examples spend their time waiting, so run several per core.
    workers = jobs or 4 * (os.cpu_count() or 1)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(run, b.script, **b.options): key for key, b in todo.items()}
        for future in concurrent.futures.as_completed(futures):
            b = todo[futures[future]]
            try:
                result = future.result()
            except ExampleError as error:
                failures.append(error)
                report(f"  failed {b.script} ({error.seconds:.1f} s)")
                continue
            _prepared[futures[future]] = result.output
            report(f"  ok     {b.script} ({result.seconds:.1f} s)")
    except BaseException:
        kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    elapsed = time.monotonic() - started
    report(f"{len(todo)} run, {len(blocks) - len(todo)} unchanged, "
           f"{len(failures)} failed in {elapsed:.1f} s")
    if failures:
        for error in failures:
            report(f"\n{error}")
        report("\nNo page was changed.")
        return len(failures)
    new_texts = {p: _cog_text(p) for p in paths}
    for p, text in new_texts.items():
        if text != p.read_text(encoding="utf-8"):
            _write_atomically(p, text)
            report(f"updated {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
    return 0
