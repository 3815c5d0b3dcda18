"""A reader who pastes an error message into the built site's search lands on its section.

Each message that a page of the troubleshooting chapter puts in the index
(its ``.. index::`` entries, as tests/test_docs.py reads them) is pasted into
the search box, on a laptop's width and on a phone's, and so is the whole
output line that shows it, and the first result must open the section of that
page that shows the message in an output block.
One search page per width serves every message: a search made from the
search page runs in place (_static/search_sections.js).
"""

import pytest
from test_browser import PHONE, VIEWPORT
from test_docs import TROUBLESHOOTING, indexed_messages

import examplerunner

# Each message with the page that indexes it, the first page of the chapter first.
MESSAGES = {message: page for page in TROUBLESHOOTING for message in indexed_messages(page)}
WIDTHS = {"desktop": VIEWPORT, "phone": PHONE}


def whole_line(message):
    """The first line of its page's outputs that holds ``message``, as a reader
    would paste it: with its addresses, paths and names that vary. None where
    Python wraps the message over several lines."""
    for block in examplerunner.find_blocks(MESSAGES[message]):
        for line in block.embedded.splitlines():
            if message in line:
                return line.strip()
    return None


PASTED = [*MESSAGES, *(line for line in dict.fromkeys(map(whole_line, MESSAGES)) if line)]

FIRST_RESULT = "#search-results ul.search li > a"
# The outputs of the section an id belongs to (a label's id is a span in it).
SHOWN_IN_SECTION = """id => {
    const target = document.getElementById(id);
    const section = target && target.closest("section");
    if (!section) return null;
    return [...section.querySelectorAll(".example-output pre")]
        .map(pre => pre.textContent.split(/\\s+/).join(" "));
}"""

# Resolves once the page has stopped scrolling (five frames without a move).
SETTLED = """() => new Promise(done => {
    let last = -1, still = 0;
    const frame = () => {
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
        if (still >= 5) done(); else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""


def search(page, query, phone):
    """Type ``query`` into the site's search box, as a reader would, and return
    the address the first result links to."""
    if phone:
        page.click("label.nav-overlay-icon")  # the menu holds the search box
    box = page.locator("input.sidebar-search")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        """([query, first]) => new URLSearchParams(location.search).get("q") === query
            && document.querySelector(first) !== null""", arg=[query, FIRST_RESULT])
    return page.locator(FIRST_RESULT).first.get_attribute("href")


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_a_pasted_message_opens_the_section_that_shows_it(browser, server, width):  # noqa: F811
    assert len(MESSAGES) >= 16
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server + "search.html")
        # Each result's summary fetches and parses its whole page, in the
        # background: that is not what is tested here, and takes the time.
        page.evaluate("DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false")
        phone = width == "phone"
        landed = {message: search(page, message, phone) for message in PASTED}
        # The page itself, for a reader who searches for the chapter.
        assert search(page, "troubleshooting", phone).startswith("troubleshooting.html")
        # A query with a short word in it: "t" of "Can't" must not be marked.
        first = search(page, "Can't pickle", phone)
        assert first.startswith("troubleshooting.html#"), first
        page.locator(FIRST_RESULT).first.click()
        page.wait_for_load_state("load")
        page.evaluate(SETTLED)  # the theme scrolls to the section smoothly
        section = page.locator(f"section#{first.split('#')[1]}")
        heading = section.locator("h2, h3").first.bounding_box()
        height = WIDTHS[width]["height"]
        assert 0 <= heading["y"] < height / 3, f"{first} is not at the top of the screen"
        marked = page.locator(".highlighted").all_inner_texts()
        assert marked and all(len(text) >= 3 for text in marked), marked
        wrong = []
        for chapter_page in TROUBLESHOOTING:
            name = chapter_page.with_suffix(".html").name
            if page.url.partition("#")[0] != server + name:
                page.goto(server + name)
            for message, href in landed.items():
                if href.partition("#")[0] != name:
                    continue
                anchor = href.partition("#")[2]
                shown = page.evaluate(SHOWN_IN_SECTION, anchor) if anchor else None
                if not shown or not any(" ".join(message.split()) in text for text in shown):
                    wrong.append(f"{message!r} -> {href}")
        chapter = {source.with_suffix(".html").name for source in TROUBLESHOOTING}
        wrong += [f"{message!r} -> {href}" for message, href in landed.items()
                  if href.partition("#")[0] not in chapter]
        assert wrong == [], f"{len(wrong)} of {len(PASTED)} pasted messages land elsewhere"
        assert errors == []
    finally:
        context.close()
