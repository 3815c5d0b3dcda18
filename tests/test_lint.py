"""Lint: ruff on the Python files, sphinx-lint on the article's sources."""

import subprocess
import sys

import examplerunner

PYTHON_FILES = ["examples", "tests", "benchmarks", "tools", "pavement.py", "conf.py",
                "examplerunner"]


def check(*command):
    done = subprocess.run([sys.executable, "-m", *command], cwd=examplerunner.ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff():
    check("ruff", "check", *PYTHON_FILES)


def test_sphinx_lint():
    check("sphinxlint", "source")
