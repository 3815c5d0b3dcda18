"""The built article, read in a real browser (headless Chromium)."""

import functools
import http.server
import os
import re
import shutil
import threading
import urllib.parse

import pytest

import examplerunner

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))
if not CHROMIUM and not os.environ.get("CI"):
    pytest.skip("no Chromium here (CI installs Debian's chromium)", allow_module_level=True)

SCREENSHOTS = examplerunner.ROOT / "build" / "screenshots"
TITLE = re.compile(r"^(?P<title>\S.*)\n(?P<rule>([=\-#~^*])\3+)$", re.MULTILINE)


def headings(page):
    """Section titles of an .rst page, as the browser shows them."""
    titles = []
    for match in TITLE.finditer(page.read_text(encoding="utf-8")):
        title = match["title"]
        if len(match["rule"]) < len(title) or set(title) <= set("=-#~^*"):
            continue
        title = re.sub(r":\w+:`~?([^`<]*?)(\s*<[^>]*>)?`", r"\1", title)
        titles.append(title.replace("``", ""))
    return titles


@pytest.fixture(scope="module")
def server(site):
    out, done = site
    assert done.returncode == 0, done.stderr
    handler = functools.partial(QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


PAGES = examplerunner.pages()


def url_of(server, page):
    return server + page.relative_to(examplerunner.SOURCE).with_suffix(".html").as_posix()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_shows_every_heading_script_and_output(tab, server, page):
    tab.goto(url_of(server, page))
    tab.wait_for_load_state("load")
    assert tab.errors == []

    shown = [re.sub(r"\s*#\s*$", "", t).strip()
             for t in tab.locator("h1, h2, h3").all_inner_texts()]
    for title in headings(page):
        assert title in shown, f"heading {title!r} missing from {page.name}"

    text = page.read_text(encoding="utf-8")
    scripts = tab.locator("div.literal-block-wrapper")
    assert scripts.count() == text.count(".. literalinclude::")
    for i in range(scripts.count()):
        assert scripts.nth(i).is_visible()

    blocks = examplerunner.find_blocks(page)
    outputs = tab.locator("div.example-output")
    assert outputs.count() == len(blocks)
    for i, block in enumerate(blocks):
        assert outputs.nth(i).is_visible()
        shown_text = outputs.nth(i).inner_text()
        assert shown_text.startswith(f"$ python3 {block.script}")
        assert block.embedded in shown_text


def test_copy_buttons_copy_the_script_and_the_command(tab, server):
    tab.goto(url_of(server, examplerunner.SOURCE / "index.rst"))
    script = tab.locator("div.literal-block-wrapper").first
    script.hover()
    script.locator("button.copybtn").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    expected = (examplerunner.EXAMPLES / "multiprocessing_simple.py").read_text()
    assert copied.strip() == expected.strip()

    output = tab.locator("div.example-output").first
    output.hover()
    output.locator("button.copybtn").click()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == "python3 multiprocessing_simple.py"


def test_every_internal_link_and_download_resolves(tab, server):
    checked = set()
    for page in PAGES:
        tab.goto(url_of(server, page))
        hrefs = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            if not href.startswith(server) or href in checked:
                continue
            checked.add(href)
            target, _, fragment = href.partition("#")
            response = tab.request.get(target)
            assert response.ok, f"{page.name}: broken link {href}"
            if fragment:
                body = response.text()
                assert f'id="{urllib.parse.unquote(fragment)}"' in body, \
                    f"{page.name}: no anchor for {href}"
    downloads = [h for h in checked if "/_downloads/" in h]
    assert len(downloads) >= len(list(examplerunner.EXAMPLES.glob("*.py")))


def test_screenshots_for_contributors(tab, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.goto(server + "index.html")
    tab.screenshot(path=SCREENSHOTS / "index.png", full_page=False)
    tab.emulate_media(color_scheme="dark")
    tab.screenshot(path=SCREENSHOTS / "index-dark.png", full_page=False)
    assert (SCREENSHOTS / "index.png").stat().st_size > 10_000
