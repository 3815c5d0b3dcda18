"""The Sphinx build is warning-free and shows every example's output."""

import html
import subprocess
import sys

import examplerunner


def test_html_build_is_warning_free(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q",
         "-c", ".", "source", str(tmp_path / "html")],
        cwd=examplerunner.ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for page in examplerunner.pages():
        built = (tmp_path / "html" / page.relative_to(examplerunner.SOURCE)
                 ).with_suffix(".html").read_text(encoding="utf-8")
        text = html.unescape(built)
        for block in examplerunner.find_blocks(page):
            assert f"{block.script}" in text
            for line in block.embedded.split("\n"):
                assert line in text, (block.name, line)
