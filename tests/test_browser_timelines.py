"""The timelines of the built article, read in a real browser (headless Chromium).

Each timeline is an SVG drawing inside the page (see examplerunner/timeline.py):
on a phone (390 px) and on a laptop, in light and in dark mode, its text is
text at least 12 px tall and stays inside the drawing, its colours are the
theme's and hold their contrast, it has a name and a text alternative that a
screen reader reaches, and axe-core finds no WCAG 2 A or AA violation in it.
Screenshots of each land in build/screenshots/timelines/ for contributors.
"""

import json

import pytest
import wcag
from test_browser import (
    AXE,
    AXE_OPTIONS,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    load_page,
    show_in,
)

import examplerunner

PAGES = [p for p in examplerunner.pages()
         if any(b.options.timeline for b in examplerunner.find_blocks(p))]


@pytest.fixture(scope="module", params=PAGES, ids=lambda p: p.stem)
def timelines(browser, server, request):
    """A page that holds timelines, loaded once for the checks of this module."""
    context, page = load_page(browser, server, request.param)
    yield page
    context.close()


# Each text of each drawing: its size as shown (px), whether it stays inside
# the drawing, and its colour with what stands behind it.
MEASURE = """() => [...document.querySelectorAll("figure.timeline-figure")].map(figure => {
    const svg = figure.querySelector("svg.timeline");
    const view = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / view.width;
    const rgb = c => getComputedStyle(c).fill;
    const texts = [...svg.querySelectorAll("text")].map(t => {
        const box = t.getBBox();
        let behind = null;  // the bar under a bar's label
        if (t.classList.contains("tl-bar-label")) {
            const x = box.x + box.width / 2, y = box.y + box.height / 2;
            for (const r of svg.querySelectorAll("rect.tl-task, rect.tl-killed, rect.tl-wait")) {
                const b = r.getBBox();
                if (b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height) behind = r;
            }
        }
        return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
                inside: box.x >= -0.5 && box.x + box.width <= view.width + 0.5
                        && box.y >= -0.5 && box.y + box.height <= view.height + 0.5,
                colour: rgb(t), behind: behind ? rgb(behind) : null};
    });
    const shapes = [...svg.querySelectorAll("rect.tl-task, rect.tl-killed:not(.tl-open), "
                                            + "path.tl-mark")].map(rgb);
    const column = document.querySelector("article").clientWidth;
    const label = (svg.getAttribute("aria-labelledby") || "").split(" ")
        .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent);
    return {id: figure.id, texts: texts, shapes: shapes, width: figure.offsetWidth,
            column: column, role: svg.getAttribute("role"), label: label,
            rows: figure.querySelectorAll("details table tbody tr").length,
            page: getComputedStyle(document.body).backgroundColor,
            ink: getComputedStyle(document.querySelector("article p")).color};
})"""


def solid(colour, page):
    """A computed colour as "#rrggbb", a translucent one laid over ``page``."""
    import re

    channels = [float(c) for c in re.findall(r"[\d.]+", colour)]
    alpha = channels[3] if len(channels) == 4 else 1.0
    under = wcag.rgb(page)
    mixed = [round(c * alpha + u * (1 - alpha)) for c, u in zip(channels[:3], under,
                                                                 strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_timelines_are_legible_in_both_modes(timelines, scheme, size):
    tab = timelines
    tab.set_viewport_size(size)
    show_in(tab, scheme)
    figures = tab.evaluate(MEASURE)
    assert figures, f"{tab.source.name}: no timeline in the page"
    for figure in figures:
        name = f"{tab.source.name}#{figure['id']} at {size['width']} px, {scheme}"
        assert figure["width"] <= figure["column"] + 1, f"{name}: wider than the text"
        assert figure["role"] == "img" and len(figure["label"]) == 2 \
            and all(figure["label"]), f"{name}: the drawing has no name"
        assert figure["rows"] >= 2, f"{name}: no text alternative"
        page = solid(figure["page"], "#ffffff")
        ink = solid(figure["ink"], page)
        for text in figure["texts"]:
            assert text["size"] >= 12, f"{name}: {text['text']!r} is {text['size']:.1f} px"
            assert text["inside"], f"{name}: {text['text']!r} runs out of the drawing"
            colour = solid(text["colour"], page)
            ground = solid(text["behind"], page) if text["behind"] else page
            if not text["behind"]:  # text on the page takes the page's own colour
                assert colour == ink or "✗" in text["text"], (name, text)
            assert wcag.contrast(colour, ground) >= wcag.NORMAL_TEXT, (name, text)
        for shape in figure["shapes"]:
            assert wcag.contrast(solid(shape, page), page) >= 3, (name, shape)
    light_or_dark = wcag.luminance(solid(figures[0]["page"], "#ffffff"))
    assert (light_or_dark > 0.8) if scheme == "light" else (light_or_dark < 0.1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_timelines_pass_axe(timelines, scheme):
    """axe-core's WCAG 2 A and AA rules on every timeline of the page, its
    disclosure opened, at a phone's width."""
    tab = timelines
    tab.set_viewport_size(PHONE)
    show_in(tab, scheme)
    tab.evaluate("() => document.querySelectorAll('figure.timeline-figure details')"
                 ".forEach(d => d.open = true)")
    try:
        tab.evaluate(AXE.axe_script)
        context = {"include": [["figure.timeline-figure"]]}
        results = tab.evaluate(f"axe.run({json.dumps(context)}, {json.dumps(AXE_OPTIONS)})")
    finally:
        tab.evaluate("() => document.querySelectorAll('figure.timeline-figure details')"
                     ".forEach(d => d.open = false)")
    found = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results["violations"]]
    assert not found, found


def test_screenshots_of_the_timelines(timelines):
    """Each timeline on a phone, light and dark, for contributors to look at."""
    tab = timelines
    folder = SCREENSHOTS / "timelines"
    folder.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size(PHONE)
    figures = tab.locator("figure.timeline-figure svg.timeline")
    for scheme in ("light", "dark"):
        show_in(tab, scheme)
        for i in range(figures.count()):
            svg = figures.nth(i)
            name = svg.evaluate("e => e.closest('figure').id")
            svg.screenshot(path=folder / f"{name}-{scheme}.png")
    assert len(list(folder.glob("*.png"))) >= 2 * figures.count()
