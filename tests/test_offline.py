"""The article builds with Python and pip alone: no Graphviz, no network, no Python docs package.

The diagrams are committed SVGs, each stamped with the digest of the .dot
source it was rendered from; the Python docs' inventory is shipped in
``inventories/``. These tests check that both are what they claim to be.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

import examplerunner

FIGURES = examplerunner.SOURCE / "figures"
SOURCES = sorted(FIGURES.glob("*.dot"))
INVENTORIES = examplerunner.ROOT / "inventories"

# The article's text column is at most 46em wide (the theme's width), 736 px.
COLUMN_PX = 736
# Text in a diagram must be at least this tall on the page, in CSS pixels.
LEGIBLE_PX = 12


def test_the_build_ran_without_dot(site):
    out, _ = site
    built = json.loads((out.parent / "build.json").read_text(encoding="utf-8"))
    assert shutil.which("dot", path=built["path"]) is None
    assert (out / "index.html").exists()


def test_there_are_diagram_sources():
    assert {s.stem for s in SOURCES} >= {"life", "mapreduce"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_each_svg_is_stamped_with_its_source_digest(source):
    svg = source.with_suffix(".svg")
    assert svg.exists(), f"{svg.name} missing: run `paver diagrams`"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert f"source sha256: {digest} -->" in svg.read_text(encoding="utf-8"), \
        f"{svg.name} is older than {source.name}: run `paver diagrams`"


def test_each_svg_is_what_dot_draws_from_its_source():
    # Under CI the check runs for real (.ci/run installs Graphviz); elsewhere
    # a machine without dot checks only the digests, and says so.
    if not shutil.which("dot") and os.environ.get("CI", "").lower() not in ("true", "1", "yes"):
        pytest.skip("Graphviz's dot is not installed: only the digests are checked")
    done = subprocess.run([sys.executable, "-m", "paver", "diagrams", "--check"],
                          cwd=examplerunner.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_diagram_text_is_legible_at_the_column_width(source):
    svg = source.with_suffix(".svg").read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)[1])
    smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
    # One SVG unit is one point (4/3 px); an image wider than the column is
    # scaled down to fit it.
    scale = min(4 / 3, COLUMN_PX / width)
    assert smallest * scale >= LEGIBLE_PX, f"{source.stem}: {smallest * scale:.1f} px text"


def test_the_shipped_inventory_is_the_python_docs_and_says_which_version():
    data = (INVENTORIES / "python.inv").read_bytes()
    header = data.split(b"\n", 4)[:4]
    assert header[0] == b"# Sphinx inventory version 2"
    assert header[1] == b"# Project: Python"
    version = header[2].decode().removeprefix("# Version: ")
    record = (INVENTORIES / "python.txt").read_text(encoding="utf-8")
    assert f"python-version: {version}\n" in record
    assert f"sha256: {hashlib.sha256(data).hexdigest()}\n" in record


def test_conf_reads_only_the_shipped_inventory_when_offline(monkeypatch):
    for mode, expected in (("offline", 1), ("", 2)):
        monkeypatch.setenv("ARTICLE_INTERSPHINX", mode)
        namespace = {"__file__": str(examplerunner.ROOT / "conf.py")}
        exec(compile((examplerunner.ROOT / "conf.py").read_text(encoding="utf-8"),
                     "conf.py", "exec"), namespace)
        url, locations = namespace["intersphinx_mapping"]["python"]
        assert url == "https://docs.python.org/3"
        assert len(locations) == expected
        assert locations[-1] == str(INVENTORIES / "python.inv")
        assert os.path.exists(locations[-1])
