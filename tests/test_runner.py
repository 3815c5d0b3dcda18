"""The runner: capture like a terminal, fail loudly, leave nothing behind."""

import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

import examplerunner
from examplerunner import Options

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = examplerunner.ROOT
QUICK = 0.3  # seconds of linger: enough for these fixtures, which start no helpers


@pytest.fixture(autouse=True)
def fixtures_are_the_examples(monkeypatch, tmp_path_factory):
    """The fixtures stand in for examples/: in this process, and in every paver started.

    The article's pages are an empty folder of the test's own: no example may
    change a page, and an edit to the article made while the tests run is
    not an example's doing.
    """
    monkeypatch.setattr(examplerunner.paths, "EXAMPLES", FIXTURES)
    monkeypatch.setenv("EXAMPLERUNNER_EXAMPLES", str(FIXTURES))
    source = tmp_path_factory.mktemp("source")
    monkeypatch.setattr(examplerunner.paths, "SOURCE", source)
    monkeypatch.setenv("EXAMPLERUNNER_SOURCE", str(source))


@pytest.fixture
def fixtures_of_its_own(tmp_path, monkeypatch):
    """A copy of the fixtures for a test whose example changes its own folder.

    The runner fails an example whose folder changed while it ran. A fixture
    that changes the folder on purpose would make that happen, falsely, to
    an example of another test running beside it in the shared folder.
    """
    import shutil

    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(examplerunner.paths, "EXAMPLES", copy)
    monkeypatch.setenv("EXAMPLERUNNER_EXAMPLES", str(copy))
    return copy


def run_fixture(name, **options):
    return examplerunner.run(name, linger=QUICK, **options)


@pytest.mark.usefixtures("no_process_left")
def test_output_reads_like_a_terminal(monkeypatch):
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    result = run_fixture("terminal.py", start_method="spawn")
    assert result.output.split("\n") == [
        "parent line before the child",
        "child line",
        "PYTHONUNBUFFERED=None",
        "stdout is a terminal: True",
        "start method: spawn",
        "this file: /path/to/examples/terminal.py",
    ]


@pytest.mark.usefixtures("no_process_left")
def test_the_terminal_has_a_size():
    # Programs that draw to the width of the terminal (tqdm) draw nothing at 0 x 0.
    assert run_fixture("terminal_size.py").output == "80 columns, 24 lines"


@pytest.mark.usefixtures("no_process_left")
def test_a_pipe_is_a_pipe():
    result = run_fixture("terminal.py", pipe=True)
    assert "stdout is a terminal: False" in result.output.split("\n")


@pytest.mark.usefixtures("no_process_left")
def test_a_failing_script_is_named_with_its_status_and_last_lines():
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("raises.py")
    message = str(caught.value)
    assert message.startswith("raises.py: exited with status 1, expected 0")
    assert "about to fail" in message
    assert "ValueError: this fixture always fails" in message
    assert str(ROOT) not in message


@pytest.mark.usefixtures("no_process_left")
def test_an_expected_exit_status_is_accepted():
    result = run_fixture("raises.py", returncode=1)
    assert result.returncode == 1
    assert result.output.splitlines()[-1] == "ValueError: this fixture always fails"


@pytest.mark.usefixtures("no_process_left")
def test_a_hanging_script_is_killed_at_the_timeout():
    started = time.monotonic()
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("hangs.py", timeout=1)
    assert time.monotonic() - started < 3
    assert "hangs.py: timed out after 1 s" in str(caught.value)
    assert "about to hang" in str(caught.value)


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("runner_sigint", [signal.default_int_handler, signal.SIG_IGN],
                         ids=["default", "ignored"])
def test_an_interrupt_reaches_the_script_like_ctrl_c(runner_sigint):
    # A shell starts a background job with SIGINT ignored, and a child would
    # inherit that; the example still gets a terminal's Ctrl-C.
    previous = signal.signal(signal.SIGINT, runner_sigint)
    try:
        with pytest.raises(examplerunner.ExampleError) as caught:
            run_fixture("hangs.py", interrupt_after=0.5)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert "KeyboardInterrupt" in caught.value.output
    assert "exited with status -2" in str(caught.value)  # killed by SIGINT, as a shell sees


def test_a_slow_start_moves_neither_the_interrupt_nor_the_timeout(tmp_path):
    # A Python that takes a second to start, as on a busy machine. The
    # interrupt and the timeout count from when it is ready to run the
    # script: Ctrl-C reaches the script, not the start, and the start does
    # not use up the timeout.
    slow = tmp_path / "slow-python"
    slow.write_text(f'#!/bin/sh\nsleep 1\nexec "{sys.executable}" "$@"\n')
    slow.chmod(0o755)
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("hangs.py", python=str(slow), interrupt_after=0.3, timeout=0.8)
    assert "about to hang" in caught.value.output
    assert "KeyboardInterrupt" in caught.value.output
    assert "exited with status -2" in str(caught.value)


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("args", [(), ("--quiet",)], ids=["holds-terminal", "quiet"])
def test_a_left_behind_grandchild_is_reported_and_killed(args):
    started = time.monotonic()
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("grandchild.py", args=args)
    assert time.monotonic() - started < 3
    assert "grandchild.py: left processes running after it ended" in str(caught.value)
    pid = int(re.search(r"left behind: (\d+)", caught.value.output).group(1))
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("how", ["--setsid", "--double-fork"])
def test_a_process_that_leaves_the_group_is_found_and_killed(how):
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("escapes.py", args=(how,))
    assert "left processes running after it ended; they were killed" in str(caught.value)
    # no_process_left fails the test if the escaped process is still alive.


def wait_for_child(parent, name, limit=60):
    """Wait until a process running ``name`` descends from ``parent`` (a Popen)."""
    deadline = time.monotonic() + limit
    while True:
        assert parent.poll() is None, f"ended before {name} started"
        assert time.monotonic() < deadline, f"{name} did not start"
        try:
            children = psutil.Process(parent.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            continue  # it has just ended: the next round says so
        if any(name in " ".join(_cmdline(p)) for p in children):
            return
        time.sleep(0.05)


def _cmdline(proc):
    try:
        return proc.cmdline() if proc.status() != psutil.STATUS_ZOMBIE else []
    except psutil.Error:
        return []


@pytest.mark.usefixtures("no_process_left")
def test_development_mode_reaches_every_process_an_example_starts():
    result = run_fixture("devmode.py", dev_mode=True)
    assert result.output == "script: dev_mode=True\nchild: dev_mode=True"
    assert run_fixture("devmode.py").output == "script: dev_mode=False\nchild: dev_mode=False"


def test_development_mode_hides_only_the_linecache_warning_of_python_3_15():
    lines = run_fixture("devmode_warnings.py", dev_mode=True).output.split("\n")
    warned = [found[1] for line in lines if (found := re.search(r"Warning: (.*)", line))]
    assert warned == ["any other deprecation"]
    assert lines[-1] == "done"


@pytest.mark.usefixtures("no_process_left")
def test_output_is_what_a_terminal_shows_and_cannot_leave_its_block():
    lines = run_fixture("terminal_text.py").output.split("\n")
    assert lines == ["progress 100%",
                     r"separators: [\u2028] [\u2029] [\x85] [\x0c] end",
                     "paths: /tmp/adventure https://example.org/root/x"]


def test_machine_paths_are_replaced_whole():
    text = f"{examplerunner.paths.EXAMPLES}/x.py and {sys.base_prefix}/lib\r\n  \r\n"
    assert examplerunner.clean(text) == "/path/to/examples/x.py and /path/to/python/lib"
    assert examplerunner.clean(f"{examplerunner.ROOT}enture") == f"{examplerunner.ROOT}enture"
    assert examplerunner.clean(f"see {examplerunner.ROOT}.") == "see /path/to/project."


@pytest.mark.parametrize("output", [
    "one\n\ntwo", "", "  indented\n\n\n  after blanks", "$ python3 looks like a command",
    ".. inputs digest: not a digest", "tab\there", "ends with spaces removed"])
def test_format_and_parse_are_inverse(output):
    options = Options.make(args=["-v", "two words"])
    text = examplerunner.format_block("demo.py", output, options)
    assert text.split("\n")[1:5] == [".. code-block:: none", "    :class: example-output", "",
                                     "    $ python3 demo.py -v 'two words'"]
    assert examplerunner.parse_block(text) == output
    assert "digest" not in text.replace(output, "")  # the lock keeps it, beside the page


def test_options_are_checked_and_have_one_key():
    with pytest.raises(examplerunner.OptionError, match=r"'timout'.*did you mean 'timeout'"):
        Options.make(timout=1)
    with pytest.raises(examplerunner.OptionError, match="not a regular expression"):
        Options.make(mask="(unclosed")
    with pytest.raises(examplerunner.OptionError, match="wrong type"):
        Options.make(returncode="1")
    assert Options.make(returncode=0).key() == Options().key() == "[]"
    assert Options.make(env={"B": "2", "A": "1"}) == Options.make(env={"A": "1", "B": "2"})


def test_data_files_an_example_names_are_among_its_inputs(tmp_path, monkeypatch):
    monkeypatch.setattr(examplerunner.paths, "EXAMPLES", tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("first")
    (tmp_path / "reader.py").write_text('import pathlib\nprint(pathlib.Path("data").is_dir())\n')
    options = Options()
    assert examplerunner.dependencies("reader.py", tmp_path) == {"reader.py", "data/a.txt"}
    before = examplerunner.digest("reader.py", options)
    (tmp_path / "data" / "a.txt").write_text("second")
    assert examplerunner.digest("reader.py", options) != before


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
@pytest.mark.parametrize("script, problem", [
    ("braces.py", "its output contains '}}}', which would end its cog block"),
    ("writes.py", "{examples} changed while it ran; an example writes its files elsewhere"),
])
def test_what_a_page_cannot_hold_is_refused_with_the_script_named(script, problem):
    with pytest.raises(examplerunner.ExampleError) as caught:
        examplerunner.prepare(script, Options())
    problem = problem.replace("{examples}", examplerunner.paths.shown(examplerunner.paths.EXAMPLES))
    assert str(caught.value).startswith(f"{script}: {problem}")


# --- paver cog, as a maintainer runs it ---------------------------------

PAVER = [sys.executable, "-c", "import paver.tasks; paver.tasks.main()", "-q"]
BLOCK = (".. {{{cog\n.. from examplerunner import block\n"
         ".. cog.out(block(%r%s))\n.. }}}\n.. {{{end}}}\n")


def page_with(tmp_path, *blocks, mode=0o644):
    """A page with some prose and one block per (script, options text)."""
    page = tmp_path / "page.rst"
    text = "A page\n======\n\nSome prose.\n\n"
    text += "\n".join(BLOCK % (script, extra) for script, extra in blocks)
    page.write_text(text)
    page.chmod(mode)
    return page


def paver_cog(*args):
    done = subprocess.run([*PAVER, "cog", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.usefixtures("no_process_left")
def test_paver_cog_embeds_output_keeps_the_mode_and_then_finds_it_fresh(tmp_path):
    page = page_with(tmp_path, ("terminal_text.py", ""), mode=0o664)
    status, said = paver_cog(page)
    assert status == 0, said
    assert "    progress 100%" in page.read_text()
    assert oct(page.stat().st_mode & 0o777) == oct(0o664)
    assert [p.name for p in tmp_path.iterdir()] == ["page.rst"]
    assert paver_cog("--check", page) == (0, "")
    before = page.read_bytes()
    assert paver_cog(page)[0] == 0 and page.read_bytes() == before


@pytest.mark.usefixtures("no_process_left")
def test_paver_cog_leaves_pages_byte_identical_when_an_example_fails(tmp_path):
    page = page_with(tmp_path, ("terminal_text.py", ""), ("raises.py", ""))
    before = page.read_bytes()
    status, said = paver_cog("--force", page)
    assert status != 0
    assert "raises.py: exited with status 1" in said
    assert "No page was changed." in said
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["page.rst"]


@pytest.mark.parametrize("broken, error", [
    ((".. {{{end}}}\n", ""), r"page.rst:11: Unexpected '\{\{\{cog'"),
    ((".. }}}\n", ""), r"page.rst:9: Unexpected '\{\{\{end\}\}\}'"),
    (("", ", timout=1"), r"page.rst:6: unknown option 'timout' \(did you mean 'timeout'\?\)"),
    (("", ", mask='('"), r"page.rst:6: option mask='\(' is not a regular expression"),
    (("", ", returncode=(1"), r"page.rst:8: syntax error in the cog code"),
])
def test_a_broken_block_is_one_line_naming_page_and_line(tmp_path, broken, error):
    page = page_with(tmp_path, ("terminal_text.py", broken[1]), ("raises.py", ""))
    text = page.read_text()
    if broken[0]:  # drop the first block's marker of that kind
        text = text.replace(broken[0], "", 1)
        page.write_text(text)
    for command in ([page], ["--check", page]):
        status, said = paver_cog(*command)
        assert status == 2, said
        assert re.fullmatch(r"error: \S*" + error + r".*\n", said), said
        assert page.read_text() == text


@pytest.mark.parametrize("name, error", [
    ("nope.rst", "error: nope.rst: no such page (the pages are "),
    ("source/nope", "error: source/nope: no such page"),
    ("pavement.py", "error: pavement.py: not a page"),
])
def test_a_page_that_is_not_there_is_one_line(name, error):
    status, said = paver_cog("--check", name)
    assert status == 2 and said.startswith(error) and said.count("\n") == 1, said


def test_pages_are_found_by_name_path_or_folder(monkeypatch):
    monkeypatch.setattr(examplerunner.paths, "SOURCE", examplerunner.SOURCE)  # the article's
    index = examplerunner.SOURCE / "index.rst"
    assert examplerunner.resolve_pages(["index.rst"]) == [index]
    assert examplerunner.resolve_pages(["source/index.rst"]) == [index]
    assert examplerunner.resolve_pages(["source"]) == examplerunner.pages()


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_to_paver_cog_stops_everything_and_changes_nothing(tmp_path, how):
    page = page_with(tmp_path, ("hangs.py", ""), ("sleeps.py", ""))
    before = page.read_bytes()
    paver = subprocess.Popen([*PAVER, "cog", "--force", str(page)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Signal once the examples are running, as a terminal or a CI runner would.
    wait_for_child(paver, "hangs.py")
    paver.send_signal(how)
    output, _ = paver.communicate(timeout=30)
    assert paver.returncode != 0, output
    assert "no page was changed" in output.lower()
    assert "Traceback" not in output
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["page.rst"]


@pytest.mark.usefixtures("no_process_left")
def test_inputs_edited_while_the_example_runs_are_not_stamped_on_its_output(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(examplerunner.paths, "EXAMPLES", tmp_path)
    script = tmp_path / "slow.py"
    script.write_text("import time\ntime.sleep(2)\nprint('done')\n")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        running = pool.submit(examplerunner.prepare, "slow.py", Options())
        # Once it runs (a fixed wait lost the race on a loaded machine: the
        # edit came before the run, while its inputs were being read).
        while not any("slow.py" in " ".join(_cmdline(p))
                      for p in psutil.Process().children(recursive=True)):
            assert not running.done(), running.result()
            time.sleep(0.01)
        script.write_text(script.read_text() + "# edited while it ran\n")
        with pytest.raises(examplerunner.ExampleError, match="slow.py changed while it ran"):
            running.result()


def test_the_command_line_is_the_same_as_paver():
    done = subprocess.run([sys.executable, "-m", "examplerunner", "cog", "--check", "nope.rst"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stderr.startswith("error: nope.rst: no such page")


@pytest.mark.parametrize("python, label", [
    ("3.14+", "Python 3.14 and newer"), ("3.11-3.13", "Python 3.11–3.13"), ("3.14", "Python 3.14")])
def test_a_versioned_block_is_a_tab_that_parses_back(python, label):
    options = Options.make(python=python)
    caption = "Python 3.15.2 on Linux, start method forkserver"
    text = examplerunner.format_block("demo.py", "one\n\n  two", options, caption)
    assert text.split("\n")[1] == f".. tab:: {label}"
    assert f"   .. code-block:: none\n       :class: example-output\n" \
           f"       :caption: Output: {caption}\n" in text
    assert examplerunner.parse_block(text) == "one\n\n  two"


@pytest.mark.parametrize("python", ["3", "3.13-3.11", "3.14-", "4.0", "3.x+"])
def test_a_python_range_that_means_nothing_is_refused(python):
    with pytest.raises(examplerunner.OptionError, match="not a range of Python versions"):
        Options.make(python=python)


def test_the_capturing_python_is_the_newest_the_block_covers():
    found = [o.version for o in examplerunner.pythons.candidates()]
    assert found == sorted(found, reverse=True) and sys.version_info[:2] in found
    newest = examplerunner.pythons.for_options(Options())
    assert newest.version == found[0]
    only_this = Options.make(python=f"3.{sys.version_info[1]}")
    assert examplerunner.pythons.for_options(only_this).version == sys.version_info[:2]
    with pytest.raises(examplerunner.NoPythonError, match="run paver pythons"):
        examplerunner.pythons.for_options(Options.make(python="3.99+"))


# --- the runner's own shape ------------------------------------------------------

def _imports_of(module_path):
    """The modules of the package that one of its modules imports, anywhere in it
    (an import inside a function counts: it is a dependency all the same)."""
    import ast

    package = module_path.parent
    modules = {p.stem for p in package.glob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(module_path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.module or "").startswith("examplerunner"):
                base = (node.module or "").removeprefix("examplerunner").strip(".")
                if base:
                    found.add(base.split(".")[0])
                else:  # from . import a, b: modules, or names of the package itself
                    found |= {a.name for a in node.names if a.name in modules} or {"__init__"}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names
                      if a.name.startswith("examplerunner.")}
    return found & modules


def test_imports_inside_the_runner_point_one_way():
    # GUIDE.md: the cog-facing API, block(), sits above what it uses, and no
    # module imports one that imports it back. __init__ and __main__ sit on top.
    package = Path(examplerunner.__file__).parent
    graph = {p.stem: _imports_of(p) for p in package.glob("*.py")}
    assert graph["regenerate"] and "page" in graph["writer"]  # the reading sees imports

    def circle_from(start):
        path, todo = [], [(start, iter(sorted(graph[start])))]
        on_path = {start}
        path.append(start)
        while todo:
            node, children = todo[-1]
            child = next(children, None)
            if child is None:
                todo.pop()
                on_path.discard(path.pop())
            elif child == start:
                return [*path, start]
            elif child not in on_path:
                on_path.add(child)
                path.append(child)
                todo.append((child, iter(sorted(graph[child]))))
        return None

    circles = [c for m in sorted(graph) if (c := circle_from(m))]
    assert not circles, " -> ".join(circles[0])
    top = {"__init__", "__main__"}
    assert not any(graph[m] & top for m in graph.keys() - top)
    # block() is the API every page's cog code calls, from the package itself.
    assert examplerunner.block.__module__ == "examplerunner.api"
    assert not any("api" in graph[m] for m in graph.keys() - top)


def test_ctrl_c_never_goes_to_the_runners_own_group_when_the_terminal_has_no_foreground():
    # A terminal whose session has ended has no foreground group:
    # tcgetpgrp() answers 0, and os.killpg(0, SIGINT) would interrupt the
    # runner itself (and whoever shares its group, pytest included).
    from examplerunner.process import _foreground

    master, slave = os.openpty()
    try:
        assert os.tcgetpgrp(master) == 0
        assert _foreground(master, 12345) == 12345
    finally:
        os.close(master)
        os.close(slave)


def test_an_example_killed_by_sigkill_through_a_terminal_ends_as_killed():
    # The session leader ends as its example ended; SIGKILL has no handler
    # to reset, and trying raised OSError, a traceback and status 1.
    import subprocess
    import sys

    from examplerunner import paths

    done = subprocess.run(
        [sys.executable, "-I", "-S", str(paths.SESSION), sys.executable, "-c",
         "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"],
        capture_output=True, text=True, timeout=30)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == -9, (done.returncode, done.stderr)
