"""The runner against examples and callers that try to make it say something untrue.

One test (or a few) per finding of the second hostile review (F1 to F14 and
the other points) and of the third (G2 to G20); each failed before its fix.
"""

import importlib
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from test_runner import (  # noqa: F401
    FIXTURES,
    PAVER,
    ROOT,
    fixtures_are_the_examples,
    fixtures_of_its_own,
    page_with,
    paver_cog,
    run_fixture,
)

import examplerunner
from examplerunner import Options
from examplerunner import __main__ as command

regenerating = importlib.import_module("examplerunner.regenerate")

# --- a stop, and edits made while the examples run -------------------------


def regenerate_calling(monkeypatch, when, action):
    """Make the command's regeneration call ``action()`` once it reports a line
    starting with ``when``, as a signal or an editor would come at that moment."""
    real = regenerating.regenerate

    def regenerate(*args, **kwargs):
        def report(line):
            print(line)
            if line.startswith(when):
                action()
        return real(*args, report=report, **kwargs)

    monkeypatch.setattr(command, "regenerate", regenerate)


@pytest.mark.usefixtures("no_process_left")
def test_f1_a_stop_after_the_examples_ran_writes_no_page(tmp_path, monkeypatch, capsys):
    page = page_with(tmp_path, ("terminal_text.py", ""))
    before = page.read_bytes()
    regenerate_calling(monkeypatch, "1 run,", lambda: os.kill(os.getpid(), signal.SIGINT))
    assert command.main(["cog", "--force", str(page)]) == 130
    assert page.read_bytes() == before
    said = capsys.readouterr()
    assert "updated" not in said.out
    assert "stopped by SIGINT: every example was killed, no page was changed" in said.err
    # The stop ended with the command: whatever runs next in this process may start.
    assert not examplerunner.reaper.stopping()


@pytest.mark.usefixtures("no_process_left")
def test_f1_a_stop_while_pages_are_written_names_those_written(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = page_with(tmp_path / "a", ("terminal_text.py", ""))
    second = page_with(tmp_path / "b", ("terminal_text.py", ""))
    before = second.read_bytes()
    regenerate_calling(monkeypatch, "updated", lambda: os.kill(os.getpid(), signal.SIGINT))
    assert command.main(["cog", "--force", str(first), str(second)]) == 130
    assert "progress 100%" in first.read_text() and second.read_bytes() == before
    said = capsys.readouterr().err
    assert f"the pages written before it came are {first}, and no other page was changed" \
        in said, said


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("deleted", [False, True], ids=["edited", "f8-deleted"])
def test_a_page_edited_while_its_examples_ran_is_not_replaced(tmp_path, monkeypatch, capsys,
                                                              deleted):
    page = page_with(tmp_path, ("terminal_text.py", ""))

    def edit():
        if deleted:
            page.unlink()
        else:
            page.write_text(page.read_text() + "\nA sentence written meanwhile.\n")

    regenerate_calling(monkeypatch, "  ok", edit)
    assert command.main(["cog", "--force", str(page)]) == 1
    if deleted:
        assert not page.exists()
    else:
        assert page.read_text().endswith("A sentence written meanwhile.\n")
        assert "progress 100%" not in page.read_text()
    assert f"error: {page} changed while its examples ran; run paver cog again" \
        in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ([] if deleted else ["page.rst"])


@pytest.mark.usefixtures("no_process_left")
def test_f6_an_example_that_appends_to_its_page_and_fails_is_not_hidden(tmp_path):
    page = page_with(tmp_path, ("appends.py", f", args=({str(tmp_path / 'page.rst')!r},)"))
    status, said = paver_cog("--force", page)
    assert status == 1
    assert "No page was changed" not in said
    assert f"No page was written, but {page} changed while the examples ran." in said


# --- processes --------------------------------------------------------------

@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("script", ["hides.py", "hops.py"])
def test_f2_a_process_that_hides_or_hops_is_found_and_killed(script):
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture(script)
    assert "left processes running after it ended; they were killed" in str(caught.value)
    # no_process_left fails the test if any of them is still alive.


# --- the example's environment and what it can reach -------------------------

@pytest.mark.usefixtures("no_process_left")
def test_f3_f5_the_callers_shell_and_the_runners_bookkeeping_stay_out(monkeypatch):
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")
    monkeypatch.setenv("CALLERS_OWN", "leaked")
    lines = run_fixture("environment.py").output.split("\n")
    assert lines == ["runner variables: ['EXAMPLERUNNER_RUN']",
                     "descriptors: [0, 1, 2] ... 4",  # 0-2 and listdir's own
                     "PYTHONPROFILEIMPORTTIME: None",
                     "CALLERS_OWN: None"]
    with_env = run_fixture("environment.py", env={"CALLERS_OWN": "given"}).output
    assert "CALLERS_OWN: given" in with_env


@pytest.mark.usefixtures("no_process_left")
def test_f6_an_empty_pythonpath_does_not_remove_the_runners_hook():
    output = run_fixture("terminal.py", start_method="spawn", env={"PYTHONPATH": ""}).output
    assert "start method: spawn" in output.split("\n")  # set by the hook


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
@pytest.mark.parametrize("how", ["sh", "symlink", "chmod", "g17-chmod-folder",
                                 "g17-chown-folder", "g17-xattr-folder"])
def test_f6_a_change_to_the_folder_is_seen_however_it_is_made(how):
    how = how.removeprefix("g17-")
    folder = re.escape(str(examplerunner.paths.EXAMPLES))
    with pytest.raises(examplerunner.ExampleError, match=f"{folder}.* changed while it ran; "
                       "an example writes its files elsewhere"):
        examplerunner.prepare("writes_by.py", Options.make(args=(how,)))


@pytest.mark.usefixtures("no_process_left")
def test_f13_a_write_into_a_temporary_folder_through_its_descriptor_is_fine():
    result, _, _ = examplerunner.prepare("tempdir_write.py", Options())
    assert result.output == "wrote into a temporary folder"


# --- staleness ---------------------------------------------------------------

def tree(tmp_path, monkeypatch, files):
    monkeypatch.setattr(examplerunner.paths, "EXAMPLES", tmp_path)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)


@pytest.mark.parametrize("reader", [
    'import subprocess\nsubprocess.run(["cat", "da" + "ta.txt"])\n',
    'import os\nfd = os.open(".", os.O_RDONLY)\nos.open("da" + "ta.txt", 0, dir_fd=fd)\n',
    'open(__file__.rsplit("/", 1)[0] + "//" + "da" + "ta.txt").read()\n',
], ids=["cat", "dir_fd", "double-slash"])
def test_f3_a_data_file_read_in_any_way_is_an_input(tmp_path, monkeypatch, reader):
    tree(tmp_path, monkeypatch, {"main.py": reader, "data.txt": "first"})
    before = examplerunner.digest("main.py", Options())
    (tmp_path / "data.txt").write_text("second")
    assert examplerunner.digest("main.py", Options()) != before


def test_f3_a_module_imported_by_a_computed_name_is_an_input(tmp_path, monkeypatch):
    tree(tmp_path, monkeypatch, {
        "main.py": 'import importlib\nif __name__ == "__main__":\n'
                   '    importlib.import_module("hel" + "per").hello()\n',
        "helper.py": "def hello():\n    print('hello')\n"})
    before = examplerunner.digest("main.py", Options())
    (tmp_path / "helper.py").write_text("def hello():\n    print('hi')\n")
    assert examplerunner.digest("main.py", Options()) != before


def test_f10_strings_that_look_like_globs_read_nothing_outside_or_cached(tmp_path, monkeypatch):
    tree(tmp_path, monkeypatch, {
        "main.py": 'if __name__ == "__main__":\n    print("/tmp/examplerunner-*", "**")\n',
        "other.py": 'if __name__ == "__main__":\n    print("another example")\n',
        "__pycache__/main.cpython-311.pyc": "compiled"})
    assert examplerunner.dependencies("main.py", tmp_path) == {"main.py"}


@pytest.mark.usefixtures("no_process_left")
def test_f13_a_data_file_that_is_a_link_is_read_without_refusal(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("linked data\n")
    tree(tmp_path / "ex", monkeypatch, {"main.py": 'print(open("data.txt").read())\n'})
    (tmp_path / "ex" / "data.txt").symlink_to(elsewhere)
    result, inputs, _ = examplerunner.prepare("main.py", Options())
    assert result.output == "linked data"
    elsewhere.write_text("changed\n")
    assert examplerunner.digest("main.py", Options()) != inputs


# --- options and blocks -------------------------------------------------------

@pytest.mark.parametrize("options, error", [
    ({"args": ("a\nb",)}, "control character"),
    ({"args": ("}}}",)}, "cog marker"),
    ({"args": ("a\0b",)}, "control character"),
    ({"env": {"A=B": "1"}}, "has no '='"),
    ({"env": {"A": "x\0y"}}, "NUL"),
    ({"env": {"EXAMPLERUNNER_RUN": "x"}}, "which the runner sets itself"),
    ({"cwd": ".."}, "not a folder under examples/"),
    ({"cwd": "/tmp"}, "not a folder under examples/"),
    ({"mask": r"(a+)+$"}, "nests one repetition in another"),
], ids=["f4-newline", "f4-marker", "f8-nul-arg", "f8-name", "f8-nul-env", "f6-own-variable",
        "f9-cwd-up", "f9-cwd-absolute", "f14-mask"])
def test_options_that_would_break_a_page_or_a_run_are_refused(options, error):
    with pytest.raises(examplerunner.OptionError, match=error):
        Options.make(**options)


@pytest.mark.parametrize("script", ["../tools/diagrams.py", "/usr/bin/true"])
def test_f9_a_script_outside_the_examples_does_not_run(script):
    with pytest.raises(examplerunner.ExampleError, match="outside examples/"):
        run_fixture(script)


def test_f9_a_folder_link_that_leaves_the_examples_does_not_run(tmp_path, monkeypatch):
    tree(tmp_path / "ex", monkeypatch, {"main.py": "print(1)\n"})
    (tmp_path / "ex" / "up").symlink_to(tmp_path)
    with pytest.raises(examplerunner.ExampleError, match="cwd='up' is outside examples/"):
        examplerunner.run("main.py", cwd="up")


def page_text(tmp_path, text, name="page.rst"):
    page = tmp_path / name
    page.write_bytes(text if isinstance(text, bytes) else text.encode())
    return page


COG = ".. {{{cog\n.. from examplerunner import block\n.. cog.out(block(%s))\n.. }}}\n" \
      ".. {{{end}}}\n"


@pytest.mark.parametrize("make, error", [
    (lambda d: page_text(d, COG % "123"), r"page.rst:\d+: block\(123\): the script is"),
    (lambda d: page_text(d, COG % "'terminal_text.py', cwd='nosuchdir'"),
     r"terminal_text.py: cwd='nosuchdir' is not a folder under examples/"),
    (lambda d: page_text(d, "caf\xe9\n".encode("latin-1")), r"page.rst: not UTF-8 text"),
    (lambda d: (d / "loop.rst").symlink_to(d / "loop.rst") or d, r"loop.rst: .*ymbolic links"),
], ids=["f8-not-a-name", "f8-no-folder", "f8-not-utf8", "f8-link-loop"])
def test_f8_a_bad_page_or_block_is_one_line_without_a_traceback(tmp_path, make, error):
    target = make(tmp_path)
    status, said = paver_cog("--force", target)
    assert status != 0
    assert "Traceback" not in said, said
    assert re.search(error, said), said


# --- pages: links, line endings, equivalent output ----------------------------

@pytest.mark.usefixtures("no_process_left")
def test_f11_a_page_that_is_a_link_stays_a_link_and_its_target_is_written(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "pages").mkdir()
    target = page_with(tmp_path / "real", ("terminal_text.py", ""))
    link = tmp_path / "pages" / "link.rst"
    link.symlink_to(target)
    # As `paver cog` without pages passes source/'s pages: as they are listed.
    said = []
    assert examplerunner.regenerate([link], report=said.append) == 0, "\n".join(said)
    assert link.is_symlink() and "progress 100%" in target.read_text()


def test_f12_a_crlf_page_with_nothing_to_run_keeps_its_bytes(tmp_path):
    page = page_text(tmp_path, b"A page\r\n======\r\n\r\nNo example here.\r\n")
    before = page.read_bytes()
    assert paver_cog("--force", page)[0] == 0
    assert page.read_bytes() == before


@pytest.mark.usefixtures("no_process_left")
def test_f12_a_crlf_page_keeps_its_line_endings_when_its_output_changes(tmp_path):
    page = page_text(tmp_path, ("A page\n\n" + COG % "'terminal_text.py'").replace("\n", "\r\n"))
    status, said = paver_cog(page)
    assert status == 0, said
    text = page.read_bytes()
    assert b"progress 100%\r\n" in text and text.count(b"\n") == text.count(b"\r\n")


@pytest.mark.usefixtures("no_process_left")
def test_force_keeps_output_that_is_equivalent_under_the_blocks_options(tmp_path):
    page = page_with(tmp_path, ("shuffled.py", ", unordered=True, mask=r'\\d{4,}'"))
    assert paver_cog(page)[0] == 0
    before = page.read_bytes()
    for _ in range(2):
        status, said = paver_cog("--force", page)
        assert status == 0 and "updated" not in said, said
        assert page.read_bytes() == before


# --- output, and the command line ----------------------------------------------

@pytest.mark.timeout(30)  # a hang guard, not a measure: it took minutes, now well under 1 s
def test_f7_carriage_returns_are_cleaned_in_linear_time():
    text = "x" * 1_000_000 + "\ry" * 1_000_000 + "\rdone"
    assert examplerunner.clean(text) == "done" + "x" * (1_000_000 - 4)


def test_the_module_help_exits_0_with_usage():
    done = subprocess.run([sys.executable, "-m", "examplerunner", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m examplerunner cog")


@pytest.mark.parametrize("command, prog", [
    ([sys.executable, "-m", "examplerunner"], "python -m examplerunner cog"),
    (PAVER, "paver cog")], ids=["module", "paver"])
def test_cog_help_names_the_command_that_was_run(command, prog):
    done = subprocess.run([*command, "cog", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(f"usage: {prog} "), done.stdout


@pytest.mark.usefixtures("no_process_left")
def test_without_a_subreaper_an_escaped_process_is_still_found_by_its_mark():
    # As on a platform without prctl(): the mark and the session find it.
    code = ("import examplerunner as e, examplerunner.subreaper as s\n"
            "s.become_subreaper = lambda: False\n"
            "try:\n    e.run('escapes.py', args=('--double-fork',), linger=0.3)\n"
            "except e.ExampleError as error:\n    print(error.problem)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout == "left processes running after it ended; they were killed\n", \
        done.stdout + done.stderr


def test_only_what_the_options_allow_keeps_the_embedded_text():
    options = Options.make(unordered=True, mask=r"\d+")
    assert examplerunner.output.equivalent("b 1\na 2", "a 7\nb 9", options)
    # Another Python's traceback differs in a standard library line number:
    # same_output() forgives it, but the page must show what its Python printed.
    frame = '  File "/path/to/lib/python3/x.py", line {}, in f'
    assert examplerunner.same_output(frame.format(1), frame.format(2), Options())
    assert not examplerunner.output.equivalent(frame.format(1), frame.format(2), Options())


@pytest.mark.usefixtures("no_process_left")
def test_f7_cleaning_the_output_counts_inside_the_timeout(monkeypatch):
    process = importlib.import_module("examplerunner.process")

    def slow_clean(text, python=None):
        time.sleep(3)  # as a huge output would take
        return text

    monkeypatch.setattr(process, "clean", slow_clean)
    with pytest.raises(examplerunner.ExampleError, match="counting the cleaning of its output"):
        run_fixture("raises.py", timeout=2, returncode=1)


# --- the third hostile review (G2 to G20) ---------------------------------------

def another_python(tmp_path, name="python", before=""):
    """A path to this Python that is not ``sys.executable``, as a venv's would be:
    the runner asks such a Python for its own paths and origin."""
    wrapper = tmp_path / name
    wrapper.write_text(f'#!/bin/sh\n{before}exec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


@pytest.mark.usefixtures("no_process_left")
def test_g8_pythonhome_in_the_callers_shell_does_not_break_probing_another_python(
        tmp_path, monkeypatch):
    # Valid for the runner's own Python when it started; any other Python
    # given it cannot find its standard library and dies at its start.
    monkeypatch.setenv("PYTHONHOME", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    other = another_python(tmp_path)
    assert examplerunner.pythons.origin(str(other)).version == sys.version_info[:2]
    result = run_fixture("terminal_size.py", python=str(other))
    assert result.output == "80 columns, 24 lines"
    # paver pythons would have called it missing.
    assert tool_pythons().runs(other) == "{}.{}".format(*sys.version_info[:2])


def tool_pythons():
    """``tools/pythons.py``, which ``paver pythons`` runs, as a module."""
    spec = importlib.util.spec_from_file_location("tool_pythons", ROOT / "tools" / "pythons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_venvs(tmp_path, code, *versions, before="exec sleep 60\n"):
    """A Python program that runs ``code`` with ``.pythons/venvs`` replaced by
    one holding a Python per version of ``versions``, each running ``before``
    first: a fresh process, so nothing has been probed yet."""
    for version in versions:
        folder = tmp_path / "venvs" / version / "bin"
        folder.mkdir(parents=True)
        another_python(folder, before=before)
    return ("import sys, time\nfrom pathlib import Path\nimport examplerunner.pythons as p\n"
            f"p.VENVS = Path({str(tmp_path / 'venvs')!r})\np.PROBE_TIMEOUT = 3\n" + code)


def test_g9_a_python_that_hangs_is_given_up_quickly_and_named(tmp_path):
    code = with_venvs(tmp_path, "started = time.monotonic()\n"
                      "print([o.version for o in p.candidates()], time.monotonic() - started)\n",
                      "3.97", "3.98")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    found, seconds = done.stdout.rsplit(" ", 1)
    assert found == f"[{sys.version_info[:2]}]", done.stdout + done.stderr
    assert float(seconds) < 8, done.stdout  # 3 s for both at once; it was 60 s for each
    for version in ("3.97", "3.98"):
        hanging = tmp_path / "venvs" / version / "bin" / "python"
        assert f"{hanging} did not answer within 3 s" in done.stderr, done.stderr


def test_g9_each_python_is_probed_once_however_many_blocks_ask_at_once(tmp_path):
    log = tmp_path / "probed.log"
    code = with_venvs(tmp_path, "import concurrent.futures\n"
                      "with concurrent.futures.ThreadPoolExecutor(8) as pool:\n"
                      "    list(pool.map(lambda _: p.candidates(), range(8)))\n",
                      "3.97", before=f"echo probed >> {log}\nsleep 0.5\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert log.read_text() == "probed\n"


@pytest.mark.usefixtures("no_process_left")
def test_g9_a_stop_comes_through_while_a_python_is_probed(tmp_path):
    from test_runner import wait_for_child

    page = page_text(tmp_path, ".. {{{cog\n.. from examplerunner.pythons import newest\n"
                               ".. cog.outl(newest().release)\n.. }}}\n.. {{{end}}}\n")
    code = with_venvs(tmp_path, "p.PROBE_TIMEOUT = 30\nfrom examplerunner.__main__ import main\n"
                      f"sys.exit(main(['cog', '--check', {str(page)!r}]))\n", "3.97")
    checking = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_child(checking, "sleep 60")
    started = time.monotonic()
    checking.send_signal(signal.SIGTERM)
    _, said = checking.communicate(timeout=60)
    assert time.monotonic() - started < 5  # it was the whole probe's timeout
    assert checking.returncode == 128 + signal.SIGTERM, said
    assert "stopped by SIGTERM" in said and "Traceback" not in said, said


@pytest.mark.usefixtures("no_process_left")
def test_g12_a_terminal_type_given_in_env_is_the_one_the_example_gets(monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")  # the caller's own does not count
    assert run_fixture("prints_env.py", args=("TERM",)).output == "TERM=dumb"
    given = run_fixture("prints_env.py", args=("TERM", "NO_COLOR"), env={"TERM": "xterm"})
    assert given.output == "TERM=xterm\nNO_COLOR=1"


@pytest.mark.parametrize("script, error", [
    (r"'terminal_text.py\n'", "a control character"),
    (r"'terminal\x1b.py'", "a control character"),
    ("'x}' + '}}.py'", "a cog marker"),
    ("'x{' + '{{cog.py'", "a cog marker"),
], ids=["newline", "escape", "end-marker", "begin-marker"])
def test_g15_a_script_name_is_checked_as_args_are(tmp_path, script, error):
    page = page_text(tmp_path, "A page\n\n" + COG % script)
    before = page.read_bytes()
    for given in ([page], ["--check", page]):
        status, said = paver_cog(*given)
        assert status == 2, said
        assert re.fullmatch(rf"error: {re.escape(str(page))}:3: block\(.*\): the script's "
                            rf"name holds {error}.*\n", said), said
        assert page.read_bytes() == before
    with pytest.raises(examplerunner.OptionError, match=error):
        run_fixture(eval(script))


def test_g20_paver_pythons_check_creates_nothing(tmp_path, monkeypatch):
    tool = tool_pythons()
    home = tmp_path / ".pythons"
    for name, path in [("HOME", home), ("SID", home / "sid"), ("BIN", home / "bin"),
                       ("VENVS", home / "venvs")]:
        monkeypatch.setattr(tool, name, path)
    tool.main(["--check"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("second", ["terminal_size.py", "terminal_text.py"])
def test_g2_two_blocks_in_one_cog_block_are_refused_with_page_and_line(tmp_path, second):
    page = page_text(tmp_path, "A page\n\n.. {{{cog\n.. from examplerunner import block\n"
                               ".. cog.out(block('terminal_text.py'))\n"
                               f".. cog.out(block('{second}'))\n.. }}}}}}\n.. {{{{{{end}}}}}}\n")
    before = page.read_bytes()
    for given in ([page], ["--check", page]):
        status, said = paver_cog(*given)
        assert status == 2, said
        assert said == f"error: {page}:3: block('{second}') is the second block() of " \
            "this cog block, after block('terminal_text.py'); give each its own cog block\n"
        assert page.read_bytes() == before


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("pipe", [False, True], ids=["terminal", "pipe"])
@pytest.mark.parametrize("seconds", ["3", "600"], ids=["works-3-s", "hangs"])
def test_g10_the_timeout_holds_for_an_example_that_closes_its_output(seconds, pipe):
    started = time.monotonic()
    with pytest.raises(examplerunner.ExampleError, match="silent.py: timed out after 1 s"):
        run_fixture("silent.py", args=(seconds,), timeout=1, pipe=pipe)
    assert time.monotonic() - started < 10  # it was 31 s: the start's 30 s counted too


def backtracking_page(tmp_path):
    """A page whose block's mask, (a|a)*c, takes 2**40 steps on the output once
    one is embedded: paver cog --force compares the new output (another PID)
    with it."""
    page = page_with(tmp_path, ("varies.py", f", args=({'a' * 40!r},), mask=r'(a|a)*c'"))
    status, said = paver_cog(page)  # nothing embedded yet: nothing to compare
    assert status == 0, said
    return page


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_g11_a_stop_comes_through_while_a_mask_backtracks(tmp_path, how):
    page = backtracking_page(tmp_path)
    before = page.read_bytes()
    paver = subprocess.Popen([*PAVER, "cog", "--force", str(page)], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    said = ""
    while "ok     varies.py" not in said:  # it ran: its output is then compared
        line = paver.stdout.readline()
        assert line, said
        said += line
    time.sleep(2)
    paver.send_signal(how)
    try:
        said += paver.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        paver.kill()
        said += paver.communicate()[0]
        pytest.fail(f"still matching 10 s after {how.name}: {said}")
    assert paver.returncode != 0
    assert f"stopped by {how.name}" in said and "Traceback" not in said, said
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["page.rst"]


@pytest.mark.usefixtures("no_process_left")
def test_g11_a_mask_that_backtracks_is_given_up_and_named(tmp_path):
    page = backtracking_page(tmp_path)
    before = page.read_bytes()
    code = ("import sys, examplerunner.output as o\no.MASK_TIME_LIMIT = 1\n"
            "from examplerunner.__main__ import main\n"
            f"sys.exit(main(['cog', '--force', {str(page)!r}]))\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                              text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the mask was still being matched after 30 s")
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert f"varies.py: {page}:6: mask='(a|a)*c' took more than 1 s on its output" in said
    assert "No page was changed." in said
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["page.rst"]


@pytest.mark.usefixtures("no_process_left")
def test_g3_a_page_mixing_crlf_and_lf_keeps_each_lines_ending(tmp_path):
    lines = [b"A page\r\n", b"\r\n", b".. {{{cog\n", b".. from examplerunner import block\r\n",
             b".. cog.out(block('terminal_text.py'))\n", b".. }}}\r\n", b".. {{{end}}}\n",
             b"\n", b"Closing words.\r\n", b"The last line\n"]
    page = page_text(tmp_path, b"".join(lines))
    status, said = paver_cog(page)
    assert status == 0, said
    written = page.read_bytes().splitlines(keepends=True)
    start, end = written.index(b".. }}}\r\n") + 1, written.index(b".. {{{end}}}\n")
    assert written[:start] + written[end:] == lines  # every line cog kept, as it was
    output = written[start:end]
    assert b"    progress 100%\r\n" in output
    assert all(line.endswith(b"\r\n") for line in output), output  # as the line before them


@pytest.mark.parametrize("block, error", [
    ("'terminal_text.py', cwd='nosuchdir'",
     "terminal_text.py: cwd='nosuchdir' is not a folder under examples/"),
    ("'../pavement.py'", "../pavement.py: is outside examples/; only the examples there are run"),
    ("'nosuchscript.py'", "nosuchscript.py: no such script in "),
], ids=["no-folder", "outside", "no-script"])
def test_a_block_whose_script_cannot_be_found_is_one_line_naming_page_and_line(tmp_path, block,
                                                                             error):
    page = page_text(tmp_path, "A page\n\n" + COG % block)
    for given in ([page], ["--check", page], ["--force", page]):
        status, said = paver_cog(*given)
        assert status == 2, said
        assert said.startswith(f"error: {page}:3: {error}") and said.count("\n") == 1, said


def test_g13_what_is_not_a_regular_file_is_no_input(tmp_path, monkeypatch):
    import threading

    tree(tmp_path, monkeypatch, {"main.py": "print(1)\n", "data.txt": "data"})
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    found = []
    looking = threading.Thread(target=lambda: found.append(
        (examplerunner.dependencies("main.py"), examplerunner.digest("main.py", Options()))),
        daemon=True)
    looking.start()
    looking.join(10)
    if looking.is_alive():  # it opened the FIFO, and waits for a writer: let it go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading the FIFO blocked the digest")
    assert found[0][0] == {"main.py", "data.txt"}


def many_blocks_page(tmp_path, monkeypatch, blocks, size):
    """Examples in tmp_path/ex, with one data file of ``size`` bytes (sparse: no
    disk), and a page of ``blocks`` blocks, each with other arguments and an
    output and no entry in the lock (so that its inputs are digested)."""
    tree(tmp_path / "ex", monkeypatch, {"main.py": "print(1)\n"})
    monkeypatch.setenv("EXAMPLERUNNER_EXAMPLES", str(tmp_path / "ex"))
    with open(tmp_path / "ex" / "big.bin", "wb") as f:
        f.truncate(size)
    (tmp_path / "pages").mkdir(exist_ok=True)
    page = tmp_path / "pages" / f"page{blocks}.rst"
    text = ""
    for i in range(blocks):
        embedded = examplerunner.format_block("main.py", "1", Options.make(args=(str(i),)))
        text += (COG % f"'main.py', args=('{i}',)").replace(".. {{{end}}}",
                                                             embedded + ".. {{{end}}}")
    page.write_text(text)
    return page


def test_g13_a_data_file_is_read_once_per_check(tmp_path, monkeypatch):
    def check_takes(blocks):
        page = many_blocks_page(tmp_path, monkeypatch, blocks, 64 * 2**20)
        started = time.monotonic()
        assert len(examplerunner.stale_blocks([page])) == blocks  # nothing embedded yet
        return time.monotonic() - started

    one, twelve = check_takes(1), check_takes(12)
    assert twelve < 2 * one + 1, (one, twelve)  # it was 12 times as long: once per block


def test_g13_a_digest_made_in_one_pass_is_the_digest(tmp_path, monkeypatch):
    tree(tmp_path, monkeypatch, {
        "a_first.py": 'if __name__ == "__main__":\n    print("b_second.py")\n',
        "b_second.py": 'if __name__ == "__main__":\n    print(1)\n',
        "data/x.txt": "x", "helper.py": "X = 1\n", "z_last.py": 'if __name__ == "__main__":\n'
        '    import helper\n'})
    (tmp_path / "data" / "dangling").symlink_to(tmp_path / "nowhere")
    once = {}
    for script in ("z_last.py", "a_first.py", "b_second.py", "z_last.py"):
        for options in (Options(), Options.make(args=("x",)), Options.make(cwd="data")):
            alone = examplerunner.digest(script, options)
            assert examplerunner.digest(script, options, once) == alone


@pytest.mark.usefixtures("no_process_left")
def test_g13_a_stop_comes_through_while_a_check_reads_a_data_file(tmp_path, monkeypatch):
    page = many_blocks_page(tmp_path, monkeypatch, 10, 256 * 2**20)
    checking = subprocess.Popen([sys.executable, "-m", "examplerunner", "cog", "--check",
                                 str(page)], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    io = f"/proc/{checking.pid}/io"
    while checking.poll() is None:  # until it has read 100 MB of the data file
        with open(io) as f:
            if int(re.search(r"rchar: (\d+)", f.read())[1]) > 100 * 2**20:
                break
        time.sleep(0.01)
    started = time.monotonic()
    checking.send_signal(signal.SIGINT)
    _, said = checking.communicate(timeout=120)
    assert time.monotonic() - started < 3  # it was the whole check's: 20 s here
    assert checking.returncode == 130, said
    assert "stopped by SIGINT" in said and "Traceback" not in said, said


@pytest.mark.parametrize("statement", [
    "from sub import helper", "import sub.helper", "from sub.helper import hello",
    "import sub.deeper.helper", "importlib.import_module('sub.helper')",
], ids=["from-package", "import-dotted", "from-module", "deeper", "computed"])
def test_g6_a_module_in_a_subfolder_with_a_main_guard_is_an_input(tmp_path, monkeypatch,
                                                                   statement):
    guarded = 'def hello():\n    print("hello")\n\nif __name__ == "__main__":\n    hello()\n'
    tree(tmp_path, monkeypatch, {
        "main.py": f'import importlib\nif __name__ == "__main__":\n    {statement}\n',
        "sub/helper.py": guarded, "sub/deeper/helper.py": guarded,
        "sub/other.py": 'if __name__ == "__main__":\n    print("another example")\n'})
    module = "sub/deeper/helper.py" if "deeper" in statement else "sub/helper.py"
    found = examplerunner.dependencies("main.py", tmp_path)
    assert module in found and "sub/other.py" not in found, found
    before = examplerunner.digest("main.py", Options())
    (tmp_path / module).write_text(guarded.replace("hello", "hi"))
    assert examplerunner.digest("main.py", Options()) != before


@pytest.mark.usefixtures("no_process_left")
def test_g16_a_page_linked_under_another_name_is_one_page(tmp_path):
    # As source/ holds them, and paver cog without pages passes them on: the
    # link and its target both listed, another page before them.
    first = page_with(tmp_path, ("terminal_size.py", "")).rename(tmp_path / "a_first.rst")
    real = page_with(tmp_path, ("terminal_text.py", "")).rename(tmp_path / "c_real.rst")
    (tmp_path / "b_alias.rst").symlink_to("c_real.rst")
    pages = examplerunner.pages(tmp_path)
    assert [p.name for p in pages] == ["a_first.rst", "b_alias.rst", "c_real.rst"]
    assert len(examplerunner.stale_blocks(pages)) == 2  # each block once
    said = []
    assert examplerunner.regenerate(pages, report=said.append) == 0, "\n".join(said)
    assert "80 columns" in first.read_text() and "progress 100%" in real.read_text()
    assert (tmp_path / "b_alias.rst").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in pages]
    assert examplerunner.stale_blocks(pages) == []


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("how", ["regenerate", "paver"])
def test_g4_an_example_may_change_no_page_whichever_pages_are_named(tmp_path, monkeypatch,
                                                                    how):
    source, elsewhere = tmp_path / "source", tmp_path / "elsewhere"
    source.mkdir()
    elsewhere.mkdir()
    monkeypatch.setattr(examplerunner.paths, "SOURCE", source)  # the article's pages
    monkeypatch.setenv("EXAMPLERUNNER_SOURCE", str(source))
    other = page_text(source, "Another page\n============\n", "other.rst")
    before = other.read_bytes()
    page = page_with(elsewhere, ("writes_to.py", f", args=({str(other)!r},)"))
    named = page.read_bytes()
    if how == "paver":
        status, said = paver_cog(page)
    else:
        lines = []
        status, said = examplerunner.regenerate([page], report=lines.append), "\n".join(lines)
    assert status == 1, said
    assert f"writes_to.py: {other} changed while it ran" in said, said
    assert page.read_bytes() == named
    other.write_bytes(before)


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
@pytest.mark.parametrize("cache", [False, True], ids=["no-cache-yet", "cache-there"])
@pytest.mark.parametrize("what", ["pyc", "text"])
def test_g5_a_write_into_pycache_is_a_change(what, cache):
    folder = examplerunner.paths.EXAMPLES
    if cache:
        (folder / "__pycache__").mkdir()
    with pytest.raises(examplerunner.ExampleError, match=f"{re.escape(str(folder))}/"
                       r"__pycache__.* changed while it ran"):
        examplerunner.prepare("plants.py", Options.make(args=(what,)))


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
def test_g5_python_writes_no_bytecode_of_its_own_into_the_examples():
    # The example, a spawned child and a Python it runs all import a module of
    # the folder: none writes its bytecode there, so nothing changed.
    folder = examplerunner.paths.EXAMPLES
    result, _, _ = examplerunner.prepare("imports_helper.py", Options())
    assert result.output.split("\n") == ["hello from the helper, script",
                                         "hello from the helper, spawned child"]
    assert not (folder / "__pycache__").exists()


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("write", [
    'open("data/new.txt", "w").write("new")',
    'open("data/old.txt", "a").write("more")',
    'open("linked.txt", "a").write("more")',
], ids=["new-in-linked-folder", "append-in-linked-folder", "append-to-linked-file"])
def test_g19_a_write_through_a_link_is_seen_by_snapshot_and_digest_alike(tmp_path, monkeypatch,
                                                                         write):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "old.txt").write_text("old")
    (tmp_path / "outside.txt").write_text("linked")
    tree(tmp_path / "ex", monkeypatch, {"main.py": f"{write}\nprint('wrote')\n"})
    (tmp_path / "ex" / "data").symlink_to(outside)
    (tmp_path / "ex" / "linked.txt").symlink_to(tmp_path / "outside.txt")
    inputs = examplerunner.digest("main.py", Options())
    with pytest.raises(examplerunner.ExampleError) as caught:
        examplerunner.prepare("main.py", Options())
    assert examplerunner.digest("main.py", Options()) != inputs  # the digest saw it
    target = "linked.txt" if "linked.txt" in write else "data"
    assert re.match(rf"main.py: \S*/ex/{target}.* changed while it ran; an example writes "
                    "its files elsewhere", str(caught.value)), str(caught.value)


@pytest.mark.usefixtures("no_process_left")
def test_g14_the_terminal_is_the_examples_controlling_terminal():
    result = run_fixture("devtty.py")
    assert result.output.split("\n") == ["written to /dev/tty", "in the foreground: True",
                                         "leads its session: False"]


@pytest.mark.usefixtures("no_process_left")
def test_g14_a_child_finishing_after_the_script_is_not_hung_up():
    # Under a shell, the shell leads the session: the script's exit hangs up
    # nothing. Had the script led it, its exit would SIGHUP its children.
    result = examplerunner.run("outlives.py", linger=3)
    assert result.output == "the script ends\nthe child finished after the script"


def regenerate_side_by_side(tmp_path, *blocks):
    """Run ``blocks`` of one page side by side, as paver cog does; (status, report)."""
    page = page_with(tmp_path, *blocks)
    said = []
    status = examplerunner.regenerate([page], report=said.append)
    return status, "\n".join(said)


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
def test_g18_an_innocent_example_beside_a_writer_that_can_be_told_is_not_failed(tmp_path):
    # The writer holds the file open while it writes: its own process tree
    # is seen holding it, so the runner can tell who wrote it.
    status, said = regenerate_side_by_side(tmp_path, ("holds_open.py", ", args=('1',)"),
                                           ("silent.py", ", args=('2',)"))
    scratch = examplerunner.paths.EXAMPLES / "zz_scratch.txt"
    assert scratch.exists()
    assert status == 1, said
    assert "  ok     silent.py" in said and "0 failed" not in said, said
    assert re.search(r"2 run, 0 unchanged, 1 failed", said), said
    assert f"holds_open.py: {examplerunner.paths.EXAMPLES}, {scratch} changed while it ran; " \
           "an example writes its files elsewhere" in said, said
    assert "silent.py:" not in said, said


@pytest.mark.usefixtures("no_process_left", "fixtures_of_its_own")
def test_g18_when_the_writer_cannot_be_told_every_example_then_running_is_named_once(
        tmp_path):
    # A write over in microseconds, while another example runs: either may
    # have made it. One failure names both, rather than two that each
    # blame one.
    status, said = regenerate_side_by_side(tmp_path, ("holds_open.py", ", args=('0',)"),
                                           ("silent.py", ", args=('2',)"))
    assert status == 1, said
    assert re.search(r"2 run, 0 unchanged, 1 failed", said), said
    assert "holds_open.py and silent.py: " in said, said
    assert "changed while these ran side by side, and which of them changed it cannot " \
           "be told" in said, said


def test_g18_a_change_goes_to_the_runs_that_could_have_made_it(tmp_path):
    from examplerunner import blame

    second = 10**9

    def activity(script, start, end, writing=()):
        made = blame.Activity(script)
        made.start, made.end = start * second, end * second
        made.writing = {os.path.realpath(tmp_path / name) for name in writing}
        return made

    early, late = activity("early.py", 0, 2), activity("late.py", 3, 5)
    holder = activity("holder.py", 0, 5, ["f.txt"])
    found = str(tmp_path / "f.txt")
    between = (0, 5 * second)  # the snapshots that found the change
    assert blame.culprits([early, late], found, 1 * second, between) == [early]  # alone then
    assert blame.culprits([early, late, holder], found, 4 * second, between) == [holder]
    assert blame.culprits([early, late, holder], str(tmp_path), 4 * second, between) == [holder]
    assert blame.culprits([early, late], found, int(2.5 * second), between) == []  # none lived
    # A change time that the snapshots' own moments belie is not trusted.
    assert blame.culprits([early, late], found, 60 * second, between) == [early, late]


# The inputs lock (#32): bookkeeping beside the pages, not in them -------------------


@pytest.mark.usefixtures("no_process_left")
def test_an_edit_that_changes_no_output_changes_the_lock_and_no_page(tmp_path, monkeypatch):
    tree(tmp_path / "ex", monkeypatch, {"helper.py": "WORD = 'same'  # a comment\n",
                                        "main.py": "import helper\nprint(helper.WORD)\n",
                                        "other.py": "print('other')\n"})
    monkeypatch.setenv("EXAMPLERUNNER_EXAMPLES", str(tmp_path / "ex"))
    page = page_text(examplerunner.paths.SOURCE,
                     "Title\n=====\n\n" + COG % "'main.py'" + "\n" + COG % "'other.py'")
    assert examplerunner.regenerate([page], report=print) == 0
    first, locked = page.read_text(), (examplerunner.paths.SOURCE / "inputs.lock").read_text()
    assert "same" in first and "digest" not in first
    assert len(json.loads(locked)) == 2
    # Every module of the folder is an input of every example there (staleness.py).
    (tmp_path / "ex" / "helper.py").write_text("WORD = 'same'  # another comment\n")
    assert len(examplerunner.stale_blocks([page])) == 2
    assert examplerunner.regenerate([page], report=print) == 0
    assert page.read_text() == first  # what a reader sees did not change: nor did the page
    relocked = (examplerunner.paths.SOURCE / "inputs.lock").read_text()
    changed = [a for a, b in zip(locked.splitlines(), relocked.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 2 and len(relocked.splitlines()) == 4, relocked
    assert examplerunner.stale_blocks([page]) == []


@pytest.mark.usefixtures("no_process_left")
def test_a_digest_left_in_a_page_moves_to_the_lock_without_a_run(tmp_path, monkeypatch):
    tree(tmp_path / "ex", monkeypatch, {"main.py": "print('hello')\n"})
    monkeypatch.setenv("EXAMPLERUNNER_EXAMPLES", str(tmp_path / "ex"))
    inputs = examplerunner.digest("main.py", Options())
    embedded = examplerunner.format_block("main.py", "hello", Options())
    old = embedded + f"\n.. inputs digest: {inputs}\n"  # how pages kept it before the lock
    page = page_text(examplerunner.paths.SOURCE,
                     (COG % "'main.py'").replace(".. {{{end}}}", old + ".. {{{end}}}"))
    assert examplerunner.stale_blocks([page]) == []
    said = []
    assert examplerunner.regenerate([page], report=said.append) == 0
    assert said[0].startswith("0 run, 1 unchanged"), said
    assert "digest" not in page.read_text()
    assert json.loads((examplerunner.paths.SOURCE / "inputs.lock").read_text()) == {
        "main.py []": inputs}
    assert examplerunner.stale_blocks([page]) == []


@pytest.mark.parametrize("text", ["{not json", '["a list"]', '{"main.py []": 1}'])
def test_a_broken_lock_is_one_line_that_says_what_to_do(tmp_path, monkeypatch, text):
    tree(tmp_path / "ex", monkeypatch, {"main.py": "print('hello')\n"})
    (examplerunner.paths.SOURCE / "inputs.lock").write_text(text)
    page = page_text(examplerunner.paths.SOURCE, COG % "'main.py'")
    with pytest.raises(examplerunner.BlockError, match=r"inputs.lock: .*delete it and run "
                                                       r"paver cog"):
        examplerunner.stale_blocks([page])


def test_a_block_moved_to_another_page_keeps_its_entry(tmp_path, monkeypatch):
    tree(tmp_path / "ex", monkeypatch, {"main.py": "print('hello')\n"})
    inputs = examplerunner.digest("main.py", Options())
    (examplerunner.paths.SOURCE / "inputs.lock").write_text(
        json.dumps({"main.py []": inputs}))
    embedded = examplerunner.format_block("main.py", "hello", Options())
    text = (COG % "'main.py'").replace(".. {{{end}}}", embedded + ".. {{{end}}}")
    for name in ("first.rst", "second-part.rst"):
        assert examplerunner.stale_blocks([page_text(examplerunner.paths.SOURCE, text,
                                                     name)]) == []
