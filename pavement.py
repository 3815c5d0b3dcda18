"""Tasks for building the article: thin verbs over the runner, Sphinx, pytest and tox."""

import os
import shutil
import subprocess
import sys

from paver.easy import consume_args, task

from examplerunner import __main__ as runner
from examplerunner.paths import BUILD, PARALLEL, ROOT, SPHINX_BUILD


@task
@consume_args
def cog(args):
    """Embed the examples' output in the pages: cog [--force | --check] [PAGE ...]."""
    status = runner.main(["cog", *args], prog="paver cog")
    if status:
        sys.exit(status)


@task
def html():
    """Build the HTML article into build/html (warnings are errors)."""
    subprocess.run([*SPHINX_BUILD, *PARALLEL, "-b", "html", str(BUILD / "html")], check=True)


@task
@consume_args
def test(args):
    """Run the whole test suite with this Python (extra arguments go to pytest)."""
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *args]))


@task
@consume_args
def pythons(args):
    """Install Python 3.11-3.15 for the matrix and for capturing: pythons [--check]."""
    sys.exit(subprocess.call([sys.executable, str(ROOT / "tools" / "pythons.py"), *args]))


@task
@consume_args
def matrix(args):
    """Run every example under every start method on Python 3.11-3.15 (tox; see pythons)."""
    # The Pythons that `paver pythons` installed come first on the PATH.
    env = dict(os.environ, PATH=os.pathsep.join([str(ROOT / ".pythons" / "bin"),
                                                 os.environ.get("PATH", "")]))
    sys.exit(subprocess.call([sys.executable, "-m", "tox", "run", *args], env=env))


@task
@consume_args
def serve(args):
    """Serve the article on http://127.0.0.1:8000 (or the port given); rebuild on change."""
    port = args[0] if args else "8000"
    root = ROOT
    watched = [root / "examples", root / "_static", root / "_templates", root / "_ext",
               root / "conf.py"]
    print(f"Serving the article on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    # sphinx-autobuild rebuilds on every change to the sources, the examples,
    # the styles or conf.py, and reloads the page in the browser. Warnings are
    # shown but do not stop the server.
    sys.exit(subprocess.call([
        sys.executable, "-m", "sphinx_autobuild", "--host", "127.0.0.1", "--port", port,
        *[arg for path in watched for arg in ("--watch", str(path))],
        "-n", "-b", "html", "-c", str(root), str(root / "source"), str(BUILD / "html"),
    ]))


@task
@consume_args
def inventory(args):
    """Refresh inventories/python.inv, the Python docs' inventory: inventory [URL | FILE]."""
    sys.exit(subprocess.call([sys.executable, str(ROOT / "tools" / "inventory.py"), *args]))


@task
@consume_args
def diagrams(args):
    """Render source/figures/*.dot into SVGs with Graphviz: diagrams [--check]."""
    sys.exit(subprocess.call([sys.executable, str(ROOT / "tools" / "diagrams.py"), *args]))


@task
def bench():
    """Run every script in benchmarks/ and print its figures."""
    for script in sorted((ROOT / "benchmarks").glob("[!_]*.py")):
        print(f"\n== benchmarks/{script.name}", flush=True)
        subprocess.run([sys.executable, str(script)], cwd=ROOT, check=True)


@task
def clean():
    """Remove the build output."""
    shutil.rmtree(BUILD, ignore_errors=True)
