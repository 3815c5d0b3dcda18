"""The pages stay light enough for a phone (issue #33).

A phone lays out every element of a page, and the scripts are most of them:
once each code line was five elements or more, and the probes page showed
17,000. These checks hold what was gained, with bounds measured on the
article as it is and a margin, in counts, not in times, so that a busy
machine cannot fail them. Lighthouse's own figures come from
``benchmarks/lighthouse.py``, which is not a test.
"""

import re

import pytest
from test_browser import PHONE, PHONE_READING, load_page

import examplerunner

PROBES = examplerunner.ROOT / "tests" / "probes"
SCRIPT = re.compile(r'<div class="highlight-python3? notranslate"><div class="highlight">'
                    r'<pre>(.*?)</pre>', re.S)

# Elements in the scripts' blocks for each line of them, the whole article
# together (3.55 when measured, 5.07 before the plain tokens lost their
# elements) and on the page with the most lines of script (the probes page:
# 3.53, 4.97 before). The article's pages are being split and rewritten, so
# the bounds leave room.
PER_LINE_ARTICLE = 4.0
PER_LINE_HEAVIEST = 4.0
# The probes page: every element of it (12,900 when measured; 17,100 before),
# and those a browser lays out, its scripts folded away (1,590 measured).
PROBES_PAGE_ELEMENTS = 13_500
PROBES_PAGE_SHOWN = 2_000

# Elements and lines of the scripts' blocks of the page in the browser.
COUNT_CODE = """() => {
    const blocks = [...document.querySelectorAll(
        "div.highlight-python3 > div.highlight > pre, div.highlight-python > div.highlight > pre")];
    return {elements: blocks.reduce((n, pre) => n + pre.querySelectorAll("*").length, 0),
            lines: blocks.reduce((n, pre) => n + pre.textContent.split("\\n").length, 0)};
}"""
COUNT_PAGE = """() => {
    const all = document.getElementsByTagName("*").length;
    const folded = document.querySelectorAll(
        "details:not([open]) > :not(summary), details:not([open]) > :not(summary) *").length;
    return {all, shown: all - folded};
}"""


def probe_section(page, probe):
    """The section of the probes page about ``probe``, found by its anchor."""
    anchor = page.locator(f"[id='probe-{probe.stem.replace('_', '-')}']")
    assert anchor.count() == 1, f"no anchor for {probe.name}"
    return anchor.locator("xpath=ancestor::section[1]")


def script_lines(html):
    """(elements, lines) of the scripts' blocks in a built page's HTML."""
    blocks = SCRIPT.findall(html)
    return (sum(len(re.findall(r"<[a-zA-Z]", block)) for block in blocks),
            sum(block.count("\n") + 1 for block in blocks))


def test_code_lines_are_few_elements(site, browser, server):
    out, _ = site
    counts = {page: script_lines(page.read_text(encoding="utf-8"))
              for page in sorted(out.glob("*.html"))}
    elements = sum(count[0] for count in counts.values())
    lines = sum(count[1] for count in counts.values())
    assert elements / lines <= PER_LINE_ARTICLE, \
        f"{elements} elements in {lines} lines of script: {elements / lines:.2f} a line"

    # The page with the most lines of script, as the browser has it once loaded.
    heaviest = max(counts, key=lambda page: counts[page][1])
    source = examplerunner.SOURCE / f"{heaviest.stem}.rst"
    context, page = load_page(browser, server, source)
    try:
        found = page.evaluate(COUNT_CODE)
    finally:
        context.close()
    assert found["lines"] == counts[heaviest][1]
    assert found["elements"] / found["lines"] <= PER_LINE_HEAVIEST, \
        f"{heaviest.name}: {found['elements']} elements in {found['lines']} lines"


@pytest.fixture(scope="module")
def probes_page(browser, server):
    source = next(page for page in examplerunner.pages()
                  if ".. probes::" in page.read_text(encoding="utf-8"))
    context, page = load_page(browser, server, source)
    page.set_viewport_size(PHONE)
    yield page
    context.close()


def test_probes_page_is_light(probes_page):
    page = probes_page
    found = page.evaluate(COUNT_PAGE)
    assert found["all"] <= PROBES_PAGE_ELEMENTS, found
    assert found["shown"] <= PROBES_PAGE_SHOWN, found
    # Each probe keeps its anchor and its download caption, in sight.
    for probe in sorted(PROBES.glob("*.py")):
        section = probe_section(page, probe)
        caption = section.locator(f"a.reference.download:has-text('{probe.name}')")
        assert caption.is_visible(), probe.name
        assert section.locator("details.probe-source pre").is_hidden(), probe.name


def test_a_probe_opens_and_reads_on_a_phone(probes_page):
    """At 390 px each probe's script opens from its summary, whole, and reads
    as the scripts of the other pages do (no break inside a word, no output
    wrapped)."""
    page = probes_page
    probes = sorted(PROBES.glob("*.py"))
    first = probe_section(page, probes[0])
    summary = first.locator("details.probe-source > summary")
    assert probes[0].name in summary.inner_text()
    summary.click()
    script = first.locator("details.probe-source pre")
    assert script.is_visible()
    assert script.inner_text().strip() == probes[0].read_text(encoding="utf-8").strip()
    box = script.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The keyboard closes it again.
    summary.focus()
    page.keyboard.press("Enter")
    assert script.is_hidden()

    # Every probe opened, read as a phone shows it.
    page.evaluate("() => document.querySelectorAll('details.probe-source')"
                  ".forEach(d => { d.open = true; })")
    try:
        found = page.evaluate(PHONE_READING)
    finally:
        page.evaluate("() => document.querySelectorAll('details.probe-source')"
                      ".forEach(d => { d.open = false; })")
    assert not found["inside"], found["inside"][:5]
    assert not found["emptyFirst"], found["emptyFirst"][:5]
