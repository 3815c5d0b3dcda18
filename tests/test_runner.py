"""The runner: capture like a terminal, fail loudly, leave nothing behind."""

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

import examplerunner

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = examplerunner.ROOT


def run_fixture(name, **options):
    return examplerunner.run(name, cwd=FIXTURES, **options)


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
        "this file: /path/to/project/tests/fixtures/terminal.py",
    ]


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
    assert time.monotonic() - started < 5
    assert "hangs.py: timed out after 1 s" in str(caught.value)
    assert "about to hang" in str(caught.value)


@pytest.mark.usefixtures("no_process_left")
@pytest.mark.parametrize("args", [(), ("--quiet",)], ids=["holds-terminal", "quiet"])
def test_a_left_behind_grandchild_is_reported_and_killed(args):
    with pytest.raises(examplerunner.ExampleError) as caught:
        run_fixture("grandchild.py", args=args)
    assert "grandchild.py: left processes running after it ended" in str(caught.value)
    pid = int(re.search(r"left behind: (\d+)", caught.value.output).group(1))
    time.sleep(0.1)
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_machine_paths_are_replaced():
    text = f"{examplerunner.EXAMPLES}/x.py and {sys.base_prefix}/lib\r\n  \r\n"
    assert examplerunner.clean(text) == "/path/to/examples/x.py and /path/to/python/lib"


def test_a_block_starts_with_the_shell_command():
    text = examplerunner.format_block("demo.py", "one\n\ntwo", {"args": ("-v",)})
    lines = text.split("\n")
    assert lines[1:8] == [".. code-block:: none", "    :class: example-output", "",
                          "    $ python3 demo.py -v", "    one", "", "    two"]


PAVER = [sys.executable, "-c", "import paver.tasks; paver.tasks.main()"]


def page_calling(tmp_path, script):
    """A copy of the first page with one more block, which runs a fixture."""
    page = tmp_path / "index.rst"
    shutil.copy(ROOT / "source" / "index.rst", page)
    with page.open("a", encoding="utf-8") as f:
        f.write(
            "\n.. {{{cog\n"
            ".. from examplerunner import block\n"
            f".. cog.out(block({script!r}, cwd={str(FIXTURES)!r}))\n"
            ".. }}}\n"
            ".. {{{end}}}\n"
        )
    return page


@pytest.mark.usefixtures("no_process_left")
def test_paver_cog_leaves_pages_byte_identical_when_an_example_fails(tmp_path):
    page = page_calling(tmp_path, "raises.py")
    before = page.read_bytes()
    done = subprocess.run([*PAVER, "cog", "--force", str(page)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "raises.py: exited with status 1" in done.stdout + done.stderr
    assert "No page was changed." in done.stdout
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["index.rst"]


@pytest.mark.usefixtures("no_process_left")
def test_ctrl_c_during_paver_cog_stops_everything_and_changes_nothing(tmp_path):
    page = page_calling(tmp_path, "hangs.py")
    before = page.read_bytes()
    paver = subprocess.Popen([*PAVER, "cog", "--force", str(page)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    # Interrupt once the hanging example is running, as Ctrl-C would.
    deadline = time.monotonic() + 60
    while not any("hangs.py" in " ".join(p.cmdline())
                  for p in psutil.Process(paver.pid).children(recursive=True)):
        assert time.monotonic() < deadline and paver.poll() is None
        time.sleep(0.05)
    paver.send_signal(signal.SIGINT)
    output, _ = paver.communicate(timeout=60)
    assert paver.returncode != 0, output
    assert page.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["index.rst"]


@pytest.mark.usefixtures("no_process_left")
def test_development_mode_reaches_every_process_an_example_starts():
    result = run_fixture("devmode.py", dev_mode=True)
    assert result.output == "script: dev_mode=True\nchild: dev_mode=True"
    assert run_fixture("devmode.py").output == "script: dev_mode=False\nchild: dev_mode=False"
