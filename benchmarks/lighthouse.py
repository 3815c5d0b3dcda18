#!/usr/bin/env python3
"""Lighthouse's mobile performance score of the built article, page by page.

    python benchmarks/lighthouse.py             # build/html: index, troubleshooting, realprograms
    python benchmarks/lighthouse.py build/html --runs 5 claims pools
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse python benchmarks/lighthouse.py

Builds nothing: it serves a site that is already built (``paver html``) from
a local server and runs Lighthouse's performance category on each page, as a
phone sees it (Lighthouse's default mobile form factor, with its simulated
slow network and processor), ``--runs`` times a page. It prints one row a
page: the runs, the median score and every run's score, the median and the
highest total blocking time, the page's elements once loaded (Lighthouse's
own count) and the size of its HTML. ``--gzip`` sends the text compressed,
as the article's hosts do; without it the pages go as ``python -m
http.server`` sends them, every byte, which a phone's slow network (as
Lighthouse simulates it) takes most of the time to load. Scores move from run to run and with
the machine's load, which is printed before and after: compare figures only
from one machine at one time.

Lighthouse is not one of the project's dependencies: install it with npm
into a folder of its own (``npm install lighthouse`` in /tmp/lh, say) and
name its command in ``--lighthouse`` or ``LIGHTHOUSE``. The browser is
``--chrome``, ``CHROME_PATH`` or ``CHROMIUM``, else the first Chromium on
PATH (Debian's headless shell is enough).
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = ("index", "troubleshooting", "realprograms")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
INSTALL = """no Lighthouse command found. Install it outside the repository and name it:

    mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse)
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse python benchmarks/lighthouse.py

(or pass --lighthouse PATH)."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class GzipHandler(QuietHandler):
    """Sends text compressed to a client that accepts it, as the article's
    hosts do (``http.server`` alone sends every byte as it is)."""

    TEXT = (".html", ".css", ".js", ".svg", ".json")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (not path.is_file() or path.suffix not in self.TEXT
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder, compress=False):
    """Serve ``folder`` on a free local port, in a thread: (server, address)."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def find_lighthouse(given):
    if given:
        return given if Path(given).is_file() else None
    for candidate in (os.environ.get("LIGHTHOUSE"), shutil.which("lighthouse")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def find_chrome(given):
    for candidate in (given, os.environ.get("CHROME_PATH"), os.environ.get("CHROMIUM")):
        if candidate:
            return candidate
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def one_run(lighthouse, chrome, url):
    """One Lighthouse run of ``url``: its figures as a dictionary."""
    done = subprocess.run(
        [lighthouse, url, "--only-categories=performance", "--output=json",
         "--output-path=stdout", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-2000:]}")
    report = json.loads(done.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    audits = report["audits"]
    return {
        "score": round(100 * report["categories"]["performance"]["score"]),
        "tbt": audits["total-blocking-time"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "elements": int(audits["dom-size"]["numericValue"]),
    }


def load():
    return "/".join(f"{figure:.2f}" for figure in os.getloadavg())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path,
                        default=HERE.parent / "build" / "html",
                        help="the built site's folder (default build/html)")
    parser.add_argument("pages", nargs="*", default=list(PAGES),
                        help="pages to measure, by name without .html "
                             f"(default: {' '.join(PAGES)})")
    parser.add_argument("--runs", type=int, default=3, help="runs a page (default 3)")
    parser.add_argument("--lighthouse", help="the lighthouse command (or LIGHTHOUSE)")
    parser.add_argument("--chrome", help="the browser (or CHROME_PATH, CHROMIUM)")
    parser.add_argument("--gzip", action="store_true",
                        help="send HTML, CSS and scripts compressed, as a real host does "
                             "(default: as python -m http.server, uncompressed)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_intermixed_args(argv)

    lighthouse = find_lighthouse(args.lighthouse)
    if lighthouse is None:
        print(INSTALL, file=sys.stderr)
        return 2
    chrome = find_chrome(args.chrome)
    if chrome is None:
        print("no Chromium found: install one (Debian: apt-get install "
              "chromium-headless-shell) or name it in --chrome or CHROME_PATH", file=sys.stderr)
        return 2
    missing = [page for page in args.pages if not (args.site / f"{page}.html").is_file()]
    if missing:
        print(f"not built in {args.site}: {', '.join(missing)} (run paver html first)",
              file=sys.stderr)
        return 2

    httpd, base = serve(args.site, compress=args.gzip)
    version = subprocess.run([lighthouse, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    print(f"Lighthouse {version}, {Path(chrome).name}, mobile, {args.runs} runs a page, "
          f"{'gzip' if args.gzip else 'uncompressed'}; load {load()}")
    rows, runs = [], {}
    try:
        for page in args.pages:
            figures = [one_run(lighthouse, chrome, f"{base}{page}.html") for _ in range(args.runs)]
            runs[page] = figures
            scores = [f["score"] for f in figures]
            tbts = [f["tbt"] for f in figures]
            rows.append((page, str(len(figures)), f"{statistics.median(scores):g}",
                         " ".join(map(str, scores)), f"{statistics.median(tbts):.0f}",
                         f"{max(tbts):.0f}",
                         f"{statistics.median(f['fcp'] for f in figures) / 1000:.2f}",
                         f"{statistics.median(f['lcp'] for f in figures) / 1000:.2f}",
                         str(figures[-1]["elements"]),
                         f"{(args.site / f'{page}.html').stat().st_size / 1024:.0f}"))
    finally:
        httpd.shutdown()
        httpd.server_close()
    head = ("page", "runs", "score", "each run", "TBT ms", "max TBT", "FCP s", "LCP s",
            "elements", "HTML KB")
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.ljust(width) if i == 0 or i == 3 else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths, strict=True))))
    print(f"load {load()}")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
