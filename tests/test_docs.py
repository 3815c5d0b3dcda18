"""The Sphinx build is warning-free and shows every example's output."""

import html

import examplerunner


def test_html_build_is_warning_free(site):
    out, done = site
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_every_block_is_in_the_built_page(site):
    out, _ = site
    for page in examplerunner.pages():
        built = (out / page.relative_to(examplerunner.SOURCE)).with_suffix(".html")
        text = html.unescape(built.read_text(encoding="utf-8"))
        for block in examplerunner.find_blocks(page):
            assert f"$ python3 {block.script}" in text, block.name
            for line in block.embedded.split("\n"):
                assert line in text, (block.name, line)
