"""Tasks for building the article: paver cog, html, test, clean."""

import argparse
import shutil
import subprocess
import sys

from paver.easy import consume_args, needs, task

import examplerunner

BUILD = examplerunner.ROOT / "build"


@task
@consume_args
def cog(args):
    """Embed the examples' output in the pages: cog [--force | --check] [PAGE.rst ...]."""
    parser = argparse.ArgumentParser(prog="paver cog")
    parser.add_argument("--force", "-f", action="store_true",
                        help="rerun every example, even those whose inputs did not change")
    parser.add_argument("--check", action="store_true",
                        help="run nothing; fail if any embedded output is older than its inputs")
    parser.add_argument("pages", nargs="*", help="pages to refresh (default: all of source/)")
    options = parser.parse_args(args)
    if options.check:
        stale = examplerunner.stale_blocks(options.pages or None)
        for b in stale:
            print(f"stale: {b.name}")
        sys.exit(1 if stale else 0)
    if examplerunner.regenerate(options.pages, force=options.force):
        sys.exit(1)


@task
def html():
    """Build the HTML article into build/html (warnings are errors)."""
    subprocess.run([*examplerunner.SPHINX_BUILD, "-b", "html", str(BUILD / "html")], check=True)


@task
@consume_args
def test(args):
    """Run the whole test suite with this Python (extra arguments go to pytest)."""
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *args]))


@task
@consume_args
def matrix(args):
    """Run every example under every start method on every Python installed (tox)."""
    sys.exit(subprocess.call([sys.executable, "-m", "tox", "run", *args]))


@task
@needs("html")
@consume_args
def serve(args):
    """Serve the article on http://127.0.0.1:8000 (or the port given); rebuild on change."""
    port = args[0] if args else "8000"
    root = examplerunner.ROOT
    watched = [root / "examples", root / "_static", root / "_templates", root / "conf.py"]
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
    import datetime
    import hashlib
    import re
    import urllib.request
    import zlib

    source = args[0] if args else "https://docs.python.org/3/objects.inv"
    if "://" in source:
        with urllib.request.urlopen(source, timeout=60) as response:
            data = response.read()
    else:
        data = open(source, "rb").read()
    lines = data.split(b"\n", 4)
    header = b"\n".join(lines[:4]).decode("utf-8", "replace")
    project = re.search(r"^# Project: (.*)$", header, re.MULTILINE)
    version = re.search(r"^# Version: (.*)$", header, re.MULTILINE)
    if (lines[0] != b"# Sphinx inventory version 2" or not project or not version
            or project[1].strip() != "Python"):
        sys.exit(f"{source}: not a Sphinx inventory of the Python documentation")
    zlib.decompress(lines[4])  # the entries must be readable
    folder = examplerunner.ROOT / "inventories"
    folder.mkdir(exist_ok=True)
    (folder / "python.inv").write_bytes(data)
    (folder / "python.txt").write_text(
        "The Python documentation's intersphinx inventory (python.inv), the build's\n"
        "fallback when docs.python.org cannot be reached. Written by `paver inventory`.\n"
        f"python-version: {version[1].strip()}\n"
        f"source: {source}\n"
        f"sha256: {hashlib.sha256(data).hexdigest()}\n"
        f"refreshed: {datetime.date.today().isoformat()}\n",
        encoding="utf-8")
    print(f"inventories/python.inv: Python {version[1].strip()} from {source}")


@task
@consume_args
def diagrams(args):
    """Render source/figures/*.dot into SVGs with Graphviz: diagrams [--check]."""
    import hashlib
    import re
    import shutil

    check = "--check" in args
    dot = shutil.which("dot")
    if not dot and not check:
        sys.exit("Graphviz's dot is not on PATH: install Graphviz to render the diagrams")

    def render(source):
        # dot's SVG, stamped with the digest of the source it was drawn from.
        svg = subprocess.run([dot, "-Tsvg", str(source)], check=True, capture_output=True,
                             text=True).stdout
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        stamp = (f"<!-- Rendered from {source.name} by `paver diagrams`; "
                 f"source sha256: {digest} -->\n")
        head, _, rest = svg.partition("\n")
        return head + "\n" + stamp + rest if head.startswith("<?xml") else stamp + svg

    def texts(svg):
        return sorted(re.findall(r"<text[^>]*>([^<]*)</text>", svg))

    def version(svg):
        found = re.search(r"Generated by graphviz version ([^\s]+)", svg)
        return found and found[1]

    problems = []
    for source in sorted((examplerunner.SOURCE / "figures").glob("*.dot")):
        target = source.with_suffix(".svg")
        if not check:
            target.write_text(render(source), encoding="utf-8")
            print(f"rendered {target.relative_to(examplerunner.ROOT)}")
            continue
        if not target.exists():
            problems.append(f"{target.name} is missing")
            continue
        committed = target.read_text(encoding="utf-8")
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if f"source sha256: {digest} -->" not in committed:
            problems.append(f"{target.name} was not rendered from today's {source.name}")
        elif dot:
            fresh = render(source)
            # Another Graphviz version lays the same graph out a little
            # differently: then only the text of the picture must agree.
            same = (fresh == committed if version(fresh) == version(committed)
                    else texts(fresh) == texts(committed))
            if not same:
                problems.append(f"{target.name} differs from what dot draws from {source.name}")
    for problem in problems:
        print(problem)
    if check:
        print(f"{len(problems)} diagram(s) out of date" if problems else
              "every diagram matches its source" + ("" if dot else " (digests only: no dot here)"))
    sys.exit(1 if problems else 0)


@task
def bench():
    """Run every script in benchmarks/ and print its figures."""
    for script in sorted((examplerunner.ROOT / "benchmarks").glob("*.py")):
        print(f"\n== benchmarks/{script.name}", flush=True)
        subprocess.run([sys.executable, str(script)], cwd=examplerunner.ROOT, check=True)


@task
def clean():
    """Remove the build output."""
    shutil.rmtree(BUILD, ignore_errors=True)
