"""The built article, read in a real browser (headless Chromium).

Besides what the reader sees, it checks accessibility: axe-core's WCAG 2 A and
AA rules on every page in light and in dark mode, and keyboard use.
"""

import json
import os
import re
import shutil
import urllib.parse

import pytest
import wcag

import examplerunner

playwright = pytest.importorskip("playwright.sync_api")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")

# Chromium's headless shell (Debian: chromium-headless-shell) draws the same
# pages as the full browser with half the CPU time, so it is taken first.
CHROMIUM = (os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell")
            or shutil.which("chromium") or shutil.which("chromium-browser"))
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
if not CHROMIUM and not IN_CI:
    # Under CI the test runs for real: .ci/run installs Debian's headless shell, and
    # without it the launch below fails instead of skipping.
    pytest.skip("no Chromium found: install it (Debian: apt-get install chromium-headless-shell"
                " or chromium) or set "
                "CHROMIUM to its path to run the browser test", allow_module_level=True)

# axe-core rules: every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA. No rule
# is switched off; one that must be needs its reason written beside it here.
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

SCREENSHOTS = examplerunner.ROOT / "build" / "screenshots"
PROBES = examplerunner.ROOT / "tests" / "probes"
INCLUDE = re.compile(r"^\.\. literalinclude::.*\n((?:   +:.*\n)*)", re.MULTILINE)
TITLE = re.compile(r"^(?P<title>\S.*)\n(?P<rule>([=\-#~^*])\3+)$", re.MULTILINE)


def plain_quotes(text):
    """Text with the curly quotes that Sphinx's smart quotes make turned back to straight ones."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


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


# The session's one server of the built article and one Chromium, ``server``
# and ``browser``, are fixtures of conftest.py, shared with every browser test
# module of the run (a module of its own would start a second Playwright,
# which fails in the same process).


VIEWPORT = {"width": 1440, "height": 900}


def load_page(browser, server, source):
    """Page ``source`` of the article, loaded in light mode: (context, page)."""
    context, page = open_tab(browser, server, "light")
    page.source = source
    page.goto(url_of(server, source))
    page.wait_for_load_state("load")
    return context, page


def open_tab(browser, server, scheme):
    """A new page in a context of its own, in colour scheme ``scheme``: (context, page)."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server[:-1])
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


@pytest.fixture
def tab(browser, server):
    """A fresh page, in the light colour scheme, for a test that changes it."""
    context, page = open_tab(browser, server, "light")
    yield page
    context.close()


PAGES = examplerunner.pages()


@pytest.fixture(scope="module", params=PAGES, ids=lambda p: p.stem)
def loaded(browser, server, request):
    """One page of the article, loaded once for every test that only reads it.

    Loading a page costs more than most checks of it, so the checks of one
    page share one load. Each starts as after the load (see ``article``):
    light, the first screen, the laptop's width.
    """
    context, page = load_page(browser, server, request.param)
    yield page
    context.close()


def show_in(page, scheme):
    """Show ``page`` in colour scheme ``scheme``, once its colours have settled.

    Some colours change with a CSS transition (a tab's label takes 250 ms):
    read before it ends, a colour is neither the old scheme's nor the new one's.
    """
    page.emulate_media(color_scheme=scheme)
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)))""")


@pytest.fixture
def article(loaded):
    """The loaded page, set back to light, the laptop's width, the tabs it
    opened on (a test before may have chosen others) and the top."""
    show_in(loaded, "light")
    if loaded.viewport_size != VIEWPORT:
        loaded.set_viewport_size(VIEWPORT)
    loaded.evaluate("""() => {
        for (const input of document.querySelectorAll(".tab-set > input"))
            input.checked = input.defaultChecked;
        window.scrollTo(0, 0);
    }""")
    return loaded


def url_of(server, page):
    return server + page.relative_to(examplerunner.SOURCE).with_suffix(".html").as_posix()


# What the reader is shown of an element: whether it is shown at all (as
# Playwright's is_visible decides: a box with an area, not visibility:
# hidden), and its text. A page's elements are read in one call, not in a
# few calls each.
SHOWN = """e => {
    const box = e.getBoundingClientRect();
    return {shown: box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden",
            text: e.innerText, tabbed: e.closest("div.tab-content") !== null};
}"""
TAB_LABEL = ("xpath=ancestor::div[contains(@class, 'tab-content')][1]"
             "/preceding-sibling::label[1]")


def shown_all(tab, selector):
    return tab.locator(selector).evaluate_all(f"elements => elements.map({SHOWN})")


def test_page_shows_every_heading_script_and_output(article):
    tab, page = article, article.source
    assert tab.errors == []

    shown = [plain_quotes(re.sub(r"\s*#\s*$", "", t).strip())
             for t in tab.locator("h1, h2, h3").all_inner_texts()]
    for title in headings(page):
        assert plain_quotes(title) in shown, f"heading {title!r} missing from {page.name}"

    # A script shown with a caption (its download link) sits in a wrapper; a
    # part of a script shown below it has no caption of its own.
    text = page.read_text(encoding="utf-8")
    includes = INCLUDE.findall(text)
    # The probes page includes every probe, with its caption, by a directive.
    probes = len(list(PROBES.glob("*.py"))) if ".. probes::" in text else 0
    scripts = shown_all(tab, "div.literal-block-wrapper:not(:has(> div.example-output))")
    assert len(scripts) == sum(":caption:" in options for options in includes) + probes
    assert all(script["shown"] for script in scripts)
    assert tab.locator("div.highlight-python3").count() >= len(includes)

    # The outputs of one script for several Python versions are one set of
    # tabs, newest first whatever their order in the page: each block is
    # found by its text (a hidden tab's text is its whole text).
    blocks = examplerunner.find_blocks(page)
    outputs = shown_all(tab, "div.example-output")
    assert len(outputs) == len(blocks)
    unmatched = list(range(len(outputs)))
    for block in blocks:
        command = f"$ python3 {block.script}"
        i = next((i for i in unmatched if outputs[i]["text"].startswith(command)
                  and outputs[i]["text"].partition("\n")[2].startswith(block.embedded)), None)
        assert i is not None, f"{block.name}: no output block shows its output"
        unmatched.remove(i)
        output = outputs[i]
        if output["tabbed"]:
            # An output that belongs to some Python versions is a tab: choose
            # it as a reader does, and look again.
            element = tab.locator("div.example-output").nth(i)
            element.locator(TAB_LABEL).click()
            output = element.evaluate(SHOWN)
        assert output["shown"], f"{block.name} is not shown"
        assert output["text"].startswith(f"$ python3 {block.script}")
        assert block.embedded in output["text"]


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
    checked, bodies = set(), {}
    for page in PAGES:
        tab.goto(url_of(server, page))
        hrefs = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            if not href.startswith(server) or href in checked:
                continue
            checked.add(href)
            target, _, fragment = href.partition("#")
            if target not in bodies:  # each target is fetched once, for all its anchors
                response = tab.request.get(target)
                assert response.ok, f"{page.name}: broken link {href}"
                bodies[target] = response.body()
            if fragment:
                anchor = f'id="{urllib.parse.unquote(fragment)}"'.encode()
                assert anchor in bodies[target], f"{page.name}: no anchor for {href}"
    downloads = [h for h in checked if "/_downloads/" in h]
    assert len(downloads) >= len(list(examplerunner.EXAMPLES.glob("*.py")))


def test_screenshots_for_contributors(tab, server):
    """Light and dark screenshots of the first page, which really are light and dark."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.goto(server + "index.html")
    heading = tab.locator("article h1").first
    seen = {}
    for scheme, name in (("light", "index.png"), ("dark", "index-dark.png")):
        show_in(tab, scheme)
        assert heading.is_visible()
        box = heading.bounding_box()
        assert box and 0 <= box["y"] < 900, "the title is not in the first screen"
        colours = tab.evaluate("""() => {
            const style = e => getComputedStyle(e);
            return [style(document.body).backgroundColor,
                    style(document.querySelector("article h1")).color];
        }""")
        seen[scheme] = [wcag.luminance(c) for c in colours]
        shot = SCREENSHOTS / name
        tab.screenshot(path=shot, full_page=False)
        seen[scheme].append(shot.read_bytes())
    (light_bg, light_text, light_png), (dark_bg, dark_text, dark_png) = seen["light"], seen["dark"]
    assert light_png != dark_png
    assert light_bg > 0.8 > 0.1 > dark_bg, "the backgrounds are not light and dark"
    assert light_text < light_bg and dark_text > dark_bg, "the title does not stand out"
    # And on a phone, at the second script, whose long lines break.
    tab.set_viewport_size(PHONE)
    for scheme, name in (("light", "index-phone.png"), ("dark", "index-phone-dark.png")):
        show_in(tab, scheme)
        script = "article div.literal-block-wrapper:not(:has(> div.example-output))"
        tab.locator(script).nth(1).evaluate(
            "e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
        tab.wait_for_timeout(300)  # the theme's header casts its shadow once scrolled
        tab.screenshot(path=SCREENSHOTS / name, full_page=False)


AXE = axe_playwright.Axe()

# The highlighted words of the scripts. Their colours come from two fixed
# Pygments palettes, whose contrast test_contrast.py proves for every kind of
# token with the WCAG formula; the test below checks that the page shows them
# in exactly those colours. So axe's colour-contrast rule, which spent most of
# this test checking thousands of such words one by one, skips them. Only that
# rule: every other rule still checks them, and colour contrast still checks
# all the rest, the plain text of code and output blocks included.
CODE_TOKENS = "div.highlight pre span"
PROVEN = "data-contrast-proven"

MARK_CODE_TOKENS = f"""selector => {{
    const seen = {{}};
    for (const token of document.querySelectorAll(selector)) {{
        token.setAttribute("{PROVEN}", "");
        const text = [...token.childNodes].some(
            n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (!text) continue;
        let background = "rgba(0, 0, 0, 0)";
        for (let e = token; e && background === "rgba(0, 0, 0, 0)"; e = e.parentElement)
            background = getComputedStyle(e).backgroundColor;
        const pair = getComputedStyle(token).color + " on " + background;
        seen[pair] = seen[pair] || token.className;
    }}
    return seen;
}}"""
# Only the colour-contrast rule's own selection changes: axe runs once, with
# every rule, as before. (Excluding the tokens through axe's context instead
# would take them from every rule, and is slower still on a page of code.)
SKIP_PROVEN_TOKENS = ("axe.configure({rules: [{id: 'color-contrast', "
                      f"selector: '*:not([{PROVEN}])'}}]}})")


def run_axe(tab):
    """Every axe rule on the page, colour contrast without the code tokens:
    (the colours the tokens are shown in, axe's results)."""
    shown = tab.evaluate(MARK_CODE_TOKENS, CODE_TOKENS)
    tab.evaluate(AXE.axe_script)
    tab.evaluate(SKIP_PROVEN_TOKENS)
    results = tab.evaluate(f"axe.run(document, {json.dumps(AXE_OPTIONS)})")
    return shown, axe_playwright.AxeResults(results)


def test_colour_contrast_still_checks_all_but_the_code_tokens(tab, server):
    """Faint prose and faint plain text in a code block are still caught."""
    tab.goto(server + "index.html")
    tab.wait_for_load_state("load")
    tab.evaluate("""() => {
        const faint = "color: #b0b0b0";
        document.querySelector("article p").insertAdjacentHTML(
            "beforeend", `<span id="faint-prose" style="${faint}">faint prose</span>`);
        document.querySelector("div.highlight pre").insertAdjacentHTML(
            "beforeend", `<b id="faint-code" style="${faint}">faint code</b>`);
    }""")
    _, results = run_axe(tab)
    failing = {node["target"][0] for v in results.response["violations"]
               if v["id"] == "color-contrast" for node in v["nodes"]}
    assert failing == {"#faint-prose", "#faint-code"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_meets_wcag_2_aa(article, scheme):
    """axe-core finds no WCAG 2 A or AA violation on the page, and the code is
    shown in the colours whose contrast test_contrast.py proves."""
    tab = article
    show_in(tab, scheme)
    shown, results = run_axe(tab)
    assert results.violations_count == 0, results.generate_report()

    proven = {(wcag.rgb(fg), wcag.rgb(bg)) for fg, bg in wcag.palette(scheme).values()}
    unproven = {pair: token for pair, token in shown.items()
                if tuple(map(wcag.rgb, pair.split(" on "))) not in proven}
    assert not unproven, (f"code shown in colours that test_contrast.py does not prove "
                          f"(colour on background: token class): {unproven}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_code_link_under_the_pointer_keeps_its_colour(tab, server, scheme):
    """The pointer over a linked name in a script underlines it and leaves
    its proven colour (a pointer left there by a click made axe fail on
    sphinx-codeautolink's hover colour, 3.7:1 on the light code background)."""
    tab.goto(server + "index.html")
    tab.wait_for_load_state("load")
    show_in(tab, scheme)
    link = tab.locator("div.highlight a.sphinx-codeautolink-a").first
    link.scroll_into_view_if_needed()
    style = "e => [getComputedStyle(e).color, getComputedStyle(e).textDecorationLine]"
    colour, line = link.evaluate(style)
    link.hover()
    assert link.evaluate(style) == [colour, "underline"]
    assert line == "none"
    _, results = run_axe(tab)
    assert results.violations_count == 0, results.generate_report()


# The two widths the article is read at: a laptop and a phone.
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def smallest_text(svg):
    """The smallest font size in an SVG drawing, in units of its viewBox, or None.

    Graphviz writes font-size="14.00", Matplotlib (with text kept as text)
    style="font: 12px ..." or font-size: 12px.
    """
    sizes = re.findall(r'font-size="([\d.]+)"|font-size:\s*([\d.]+)px|font:[^;"]*?([\d.]+)px', svg)
    return min((float(next(s for s in size if s)) for size in sizes), default=None)


def test_figure_text_is_legible(article):
    """Text in every SVG figure is at least 12 CSS pixels tall, on a laptop
    and on a phone. A figure whose text is drawn as outlines cannot be
    measured, and fails."""
    tab = article
    for img in tab.locator("article figure img").all():
        src = img.evaluate("e => e.src")
        if not src.endswith(".svg"):
            continue
        name = src.rsplit("/", 1)[-1]
        svg = tab.request.get(src).text()
        view_width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ', svg)[1])
        smallest = smallest_text(svg)
        assert smallest, f"{name}: no text with a font size; keep text as text, not outlines"
        for size in (DESKTOP, PHONE):
            tab.set_viewport_size(size)
            img.scroll_into_view_if_needed()
            shown = img.evaluate("""e => {
                const s = getComputedStyle(e);
                return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
            }""")
            assert smallest * shown / view_width >= 12, \
                f"{name}: text {smallest * shown / view_width:.1f} px tall at {size['width']} px"


FOCUS_STATE = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    let kind = null;
    if (e.matches("button.copybtn")) kind = "copy button";
    else if (e.matches("button.theme-toggle")) kind = "theme toggle";
    else if (e.matches("input.sidebar-search")) kind = "search box";
    else if (e.matches("article a[href]")) kind = "link";
    return {
        kind: kind,
        html: e.outerHTML.slice(0, 120),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
              || style.boxShadow !== "none",
        shown: parseFloat(style.opacity) > 0.5 && box.width > 0 && box.height > 0,
    };
}"""


def test_keyboard_reaches_each_kind_of_control_with_visible_focus(tab, server):
    """Tab from the top of the page reaches a link, a copy button, the theme
    toggle and the search box, and each shows that it has the focus."""
    tab.goto(server + "index.html")
    tab.wait_for_load_state("load")
    wanted = {"link", "copy button", "theme toggle", "search box"}
    reached = {}
    for _ in range(400):
        tab.keyboard.press("Tab")
        state = tab.evaluate(FOCUS_STATE)
        if state["kind"] in wanted and state["kind"] not in reached:
            # Let a fade-in finish (the copy button's takes 0.3 s) before looking.
            tab.wait_for_timeout(500)
            reached[state["kind"]] = tab.evaluate(FOCUS_STATE)
        if set(reached) == wanted:
            break
    assert set(reached) == wanted, f"Tab never reached: {wanted - set(reached)}"
    for kind, state in reached.items():
        assert state["shown"], f"the {kind} is invisible when focused: {state['html']}"
        assert state["ring"], f"the {kind} shows no focus ring: {state['html']}"


OUTPUT_AND_CODE_STYLE = """() => {
    const look = box => {
        const s = getComputedStyle(box);
        return {background: s.backgroundColor, border: s.borderLeftWidth + " " + s.borderLeftColor};
    };
    const code = document.querySelector(".literal-block-wrapper .highlight-python3 .highlight");
    const outputs = [...document.querySelectorAll("div.example-output")];
    return {
        code: look(code),
        outputs: outputs.map(o => look(o.querySelector(".highlight"))),
        labels: outputs.map(o => {
            const caption = o.parentElement.matches(".literal-block-wrapper")
                && o.parentElement.querySelector(":scope > .code-block-caption");
            return caption ? caption.innerText : getComputedStyle(o, "::before").content;
        }),
    };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_output_looks_unlike_code(tab, server, scheme):
    """Output blocks differ from code blocks in background and border, and
    each carries a visible label that starts with "Output"."""
    tab.emulate_media(color_scheme=scheme)
    tab.goto(server + "index.html")
    tab.wait_for_load_state("load")
    seen = tab.evaluate(OUTPUT_AND_CODE_STYLE)
    assert seen["outputs"]
    for output, label in zip(seen["outputs"], seen["labels"], strict=True):
        assert output["background"] != seen["code"]["background"], "output has code's background"
        assert output["border"] != seen["code"]["border"], "output has code's border"
        assert label.strip('"').startswith("Output"), f"output labelled {label!r}"


CUT_OFF = """() => {
    const cut = [];
    const name = e => e.closest("[id]") ? "#" + e.closest("[id]").id : e.tagName;
    for (const block of document.querySelectorAll(".code-block-caption"))
        if (block.scrollWidth > block.clientWidth + 1)
            cut.push(`${name(block)}: ${block.scrollWidth} px of text in ${block.clientWidth} px`);
    // A block of code or output may scroll sideways, if a reader can scroll it:
    // it scrolls, and it takes the focus (for the keyboard).
    for (const block of document.querySelectorAll("article pre"))
        if (block.scrollWidth > block.clientWidth + 1
                && (!["auto", "scroll"].includes(getComputedStyle(block).overflowX)
                    || block.tabIndex !== 0))
            cut.push(`${name(block)}: ${block.scrollWidth} px of text in ${block.clientWidth} px,`
                     + " and it cannot be scrolled");
    // A table that compares numbers may scroll too (article.js says which).
    const column = document.querySelector("article").clientWidth;
    for (const e of document.querySelectorAll("article table, article figure img")) {
        const box = e.parentElement;
        const scrolls = box.matches(".table-wrapper.scrolls") && box.tabIndex === 0;
        if (!scrolls && (e.offsetWidth > column + 1 || box.scrollWidth > box.clientWidth + 1))
            cut.push(`${name(e)}: a ${e.tagName.toLowerCase()} ${e.offsetWidth} px wide`
                     + ` in ${Math.min(column, box.clientWidth)} px`);
    }
    return cut;
}"""


def test_nothing_is_cut_off(article):
    """No caption hides its end, no figure is wider than the text, no table
    either unless it compares numbers, and a line of code or output, or a
    table, too long for its block can be scrolled to, with the mouse and the
    keyboard, on a laptop and on a phone."""
    tab = article
    for size in (DESKTOP, PHONE):
        tab.set_viewport_size(size)
        # The page marks the blocks that scroll on its resize event, which
        # comes before the next frame.
        tab.evaluate("() => new Promise(requestAnimationFrame)")
        assert tab.evaluate(CUT_OFF) == [], f"cut off at {size['width']} px"


# How the code and output of a page read at a phone's width, measured in one
# call: every soft line break in a block, found where two neighbouring
# characters of one line of the source are drawn on two lines, and what it
# cuts. Each tab's blocks are measured, the hidden ones shown for the while.
PHONE_READING = """() => {
    const found = {inside: [], emptyFirst: [], wrappedOutput: [], tabs: []};
    const minor = label => Number((label.textContent.match(/3\\.(\\d+)/) || [0, -1])[1]);
    for (const set of document.querySelectorAll(".tab-set")) {
        if (!set.querySelector("div.example-output")) continue;
        const labels = [...set.querySelectorAll(":scope > label.tab-label")];
        // The tab the page opens on (another test may have chosen another since).
        const first = [...set.querySelectorAll(":scope > input")].find(i => i.defaultChecked);
        const chosen = first ? first.nextElementSibling : null;
        const newest = labels.reduce((a, b) => (minor(b) > minor(a) ? b : a));
        if (chosen !== newest)
            found.tabs.push(`opens on ${chosen ? chosen.textContent.trim() : "no tab"}, `
                            + `not on ${newest.textContent.trim()}`);
    }
    const show = document.createElement("style");
    show.textContent = ".tab-set > .tab-content { display: block !important; }";
    document.head.append(show);
    const range = document.createRange();
    const topOf = (node, i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        return rects.length ? rects[0].top : null;
    };
    for (const pre of document.querySelectorAll("article div.highlight pre")) {
        const output = pre.closest(".example-output") !== null;
        const chars = [];  // [character, top of its visual line, its text node]
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            range.selectNodeContents(node);
            const rects = [...range.getClientRects()];
            const one = rects.length > 0 && rects.every(r => Math.abs(r.top - rects[0].top) < 2);
            for (let i = 0; i < node.data.length; i++)
                chars.push([node.data[i], one ? rects[0].top : topOf(node, i), node]);
        }
        let start = 0;
        for (let i = 1; i < chars.length; i++) {
            const [before, beforeTop, beforeNode] = chars[i - 1];
            const [char, top, node] = chars[i];
            if (before === "\\n") start = i;
            if (before === "\\n" || char === "\\n" || top === null || beforeTop === null
                    || top - beforeTop < 2) continue;
            let end = i;
            while (end < chars.length && chars[end][0] !== "\\n") end++;
            const line = chars.slice(start, end).map(c => c[0]).join("");
            const head = line.slice(0, i - start);
            const where = `${head}|${line.slice(i - start)}`;
            if (output) {
                found.wrappedOutput.push(where);
                continue;
            }
            if (!head.trim()) found.emptyFirst.push(where);
            const token = node === beforeNode ? node.parentElement.className : "";
            if ((/\\w/.test(before) && /\\w/.test(char)) || /^[sm]/.test(token))
                found.inside.push(where);
        }
    }
    show.remove();
    return found;
}"""


def test_code_reads_right_on_a_phone(article):
    """At a phone's width (390 px) no line of a script breaks inside a word, a
    name, a string or a number, none leaves its first visual line empty (its
    indent alone), no line of output wraps (it scrolls), and every set of
    version tabs opens on the newest Python."""
    tab = article
    tab.set_viewport_size(PHONE)
    tab.evaluate("() => new Promise(requestAnimationFrame)")
    found = tab.evaluate(PHONE_READING)
    assert not found["inside"], \
        f"{len(found['inside'])} breaks inside a word: {found['inside'][:5]}"
    assert not found["emptyFirst"], \
        f"{len(found['emptyFirst'])} lines with an empty first line: {found['emptyFirst'][:5]}"
    assert not found["wrappedOutput"], \
        f"{len(found['wrappedOutput'])} output lines wrap: {found['wrappedOutput'][:5]}"
    assert not found["tabs"], found["tabs"]


def test_every_page_has_a_description(site):
    """Every built page has a meta description (search engines show it)."""
    out, _ = site
    for page in sorted(out.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<meta (content="[^"]{50,}" name="description"|'
                         r'name="description" content="[^"]{50,}")', html), \
            f"{page.name} has no description"


def test_an_address_kept_from_before_a_split_lands_on_the_part(browser, server):
    """``realprograms.html#realprograms-logging-file``, an address from before the
    page was split, is sent on to the part that now holds that section
    (_ext/moved.py), and the reader lands on the section itself."""
    context, tab = open_tab(browser, server, "light")
    try:
        tab.goto(server + "realprograms.html#realprograms-logging-file")
        tab.wait_for_url(server + "realprograms-logging.html#realprograms-logging-file")
        assert tab.locator("#realprograms-logging-file").count() == 1
        # the label's id is an empty span before the heading it names
        playwright.expect(tab.locator("#realprograms-logging-file + h3")).to_be_in_viewport()
        assert tab.locator("#realprograms-logging-file + h3").inner_text().startswith(
            "One file, whatever happens")
        assert not tab.errors, tab.errors
    finally:
        context.close()
