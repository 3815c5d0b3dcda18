"""The Sphinx build is warning-free and shows every example's output, its links and figures.

The ``site`` fixture builds with no Graphviz ``dot`` on PATH and with
intersphinx reading only the shipped Python inventory, so these tests prove
that the article builds with Python and pip alone.
"""

import html
import itertools
import json
import re
import shlex

import examplerunner

OUTPUT_BLOCK = re.compile(
    r'<div class="[^"]*\bexample-output\b[^"]*">\s*<div class="highlight">\s*<pre>(.*?)</pre>',
    re.DOTALL)
INDEX_ENTRY = re.compile(r"^\.\. index::\n((?:   single: .*\n)+)", re.MULTILINE)
FIGURE = re.compile(r"^\.\. (?:figure|image):: (\S+)", re.MULTILINE)
IMG = re.compile(r"<img\b[^>]*>")
PYTHON_DOCS = "https://docs.python.org/3/"


def built(out, page):
    path = (out / page.relative_to(examplerunner.SOURCE)).with_suffix(".html")
    return path.read_text(encoding="utf-8")


def text_of(fragment):
    """What a browser shows of an HTML fragment inside <pre>: tags dropped."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def attribute(tag, name):
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(found[1]) if found else None


def test_html_build_is_warning_free(site):
    out, done = site
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def as_shown(blocks):
    """The blocks in the order the page shows them: a set of version tabs newest first."""
    shown = []
    for _, group in itertools.groupby(blocks, key=lambda b: (b.script, bool(b.options.python))):
        group = list(group)
        if group[0].options.python:
            group.sort(key=lambda b: b.options.versions()[0], reverse=True)
        shown += group
    return shown


def test_every_output_block_is_rendered_as_embedded(site):
    """Block by block, in order: the command line, then the output, exactly."""
    out, _ = site
    for page in examplerunner.pages():
        blocks = as_shown(examplerunner.find_blocks(page))
        rendered = [text_of(m) for m in OUTPUT_BLOCK.findall(built(out, page))]
        assert len(rendered) == len(blocks), page.name
        for block, shown in zip(blocks, rendered, strict=True):
            command = "$ " + shlex.join(["python3", block.script, *block.options.args])
            assert shown.rstrip("\n") == f"{command}\n{block.embedded}".rstrip("\n"), block.name


def test_api_names_link_to_the_python_docs(site):
    out, _ = site
    page = built(out, examplerunner.SOURCE / "index.rst")
    assert (f'href="{PYTHON_DOCS}library/multiprocessing.html'
            '#multiprocessing.Process"') in page
    for page in examplerunner.pages():
        text = page.read_text(encoding="utf-8")
        if re.search(r":(class|func|meth|attr|mod|exc|data):`", text):
            assert f'href="{PYTHON_DOCS}' in built(out, page), page.name


# A dotted name of one of the two packages in the highlighted code, with the
# link sphinx-codeautolink put around it, if any.
# A name is plain text in the block (_ext/codewrap.py drops the span of a
# token drawn in the block's own style); only the dots between its parts are
# spans of their own.
PACKAGE_NAME_IN_CODE = re.compile(
    r'(?P<link><a class="sphinx-codeautolink-a" href="(?P<href>[^"]*)"[^>]*>)?(?<![\w.])'
    r'(?P<name>(?:multiprocessing|concurrent<span class="o">.</span>futures)'
    r'(?:<span class="o">.</span>\w+)+)')


def test_package_names_in_code_link_to_the_python_docs(site):
    """In the scripts, every name from multiprocessing or concurrent.futures
    that the Python docs document links there, under whichever name the docs
    use (multiprocessing.Pool() makes the multiprocessing.pool.Pool they describe)."""
    from sphinx.util.inventory import InventoryFile

    with open(examplerunner.ROOT / "inventories" / "python.inv", "rb") as f:
        loaded = InventoryFile.load(f, "", lambda base, uri: uri)
    entries = loaded.data.items() if hasattr(loaded, "data") else loaded.items()
    documented = {name for kind, names in entries if kind.startswith("py:") for name in names}
    out, _ = site
    unlinked, seen = set(), 0
    for page in examplerunner.pages():
        for found in PACKAGE_NAME_IN_CODE.finditer(built(out, page)):
            seen += 1
            name = text_of(found["name"])
            package, _, last = name.rpartition(".")
            homes = [d for d in documented if d.startswith(package.split(".")[0] + ".")
                     and d.rsplit(".", 1)[-1] == last]
            if name not in documented and not homes:
                continue
            if not (found["link"] and found["href"].startswith(PYTHON_DOCS)):
                unlinked.add(f"{page.stem}: {name}")
    assert seen > 250, f"only {seen} names found: has the highlighted form changed?"
    assert not unlinked, sorted(unlinked)


def test_every_figure_is_shown_with_a_text_alternative(site):
    out, _ = site
    shown = 0
    for page in examplerunner.pages():
        figures = FIGURE.findall(page.read_text(encoding="utf-8"))
        images = {attribute(tag, "src").rsplit("/", 1)[-1]: attribute(tag, "alt")
                  for tag in IMG.findall(built(out, page)) if "_images/" in tag}
        for figure in figures:
            name = figure.rsplit("/", 1)[-1]
            assert name in images, f"{page.name}: {figure} not shown"
            assert (out / "_images" / name).stat().st_size > 1000, name
            alt = images[name] or ""
            assert len(alt.split()) >= 12, f"{page.name}: {name} needs a text alternative"
            shown += 1
    assert shown >= 3


TROUBLESHOOTING = [examplerunner.SOURCE / "troubleshooting.rst",
                   *sorted(examplerunner.SOURCE.glob("troubleshooting-*.rst"))]
"""The troubleshooting chapter: its first page, then its parts."""


def indexed_messages(page):
    """The error messages a page puts in the index (its ``.. index::`` entries)."""
    return [entry for entries in INDEX_ENTRY.findall(page.read_text(encoding="utf-8"))
            for entry in re.findall(r"single: (.*)", entries)]


def test_every_indexed_message_is_shown_and_found(site):
    """Each error message a page of the troubleshooting chapter puts in the index
    is printed by one of that page's examples, and the index page and the site's
    search list it; the section search covers every page of the chapter.

    Line breaks and indentation inside a message are not compared: Python
    wraps some messages (the bootstrapping one) over several lines.
    """
    out, _ = site
    assert len(TROUBLESHOOTING) >= 3
    assert sum(len(indexed_messages(page)) for page in TROUBLESHOOTING) >= 16

    def words(text):
        return " ".join(text.split())

    genindex = words(text_of((out / "genindex.html").read_text(encoding="utf-8")))
    search = (out / "searchindex.js").read_text(encoding="utf-8")
    searchable = json.loads(search[search.index("(") + 1:search.rindex(")")])["indexentries"]
    sections = (out / "_static" / "search_sections_index.js").read_text(encoding="utf-8")
    sections = json.loads(sections[sections.index("["):sections.rindex("]") + 1])
    for page in TROUBLESHOOTING:
        # Every section under the page's title, indexed or not (search_sections_pages).
        covered = {i for s in sections if s["doc"] == page.stem for i in s["ids"]}
        ids = re.findall(r'<section id="([^"]+)"', built(out, page))[1:]
        assert ids and set(ids) <= covered, f"the section search leaves out {page.name}"
        messages = indexed_messages(page)
        assert messages, f"{page.name} indexes no message"
        shown = words(" ".join(text_of(m) for m in OUTPUT_BLOCK.findall(built(out, page))))
        for message in messages:
            assert words(message) in shown, f"no output block of {page.name} shows {message!r}"
            assert words(message) in genindex, f"genindex.html lacks {message!r}"
            assert message.lower() in searchable, f"the search index lacks {message!r}"


MAIN = re.compile(r'<article[^>]*role="main"[^>]*>(.*?)</article>', re.DOTALL)
NOT_PROSE = re.compile(
    r'<div class="highlight[^"]*">.*?</pre></div>|<pre\b.*?</pre>|<svg\b.*?</svg>'
    r"|<script\b.*?</script>|<style\b.*?</style>"
    r'|<table class="[^"]*\btimeline[^"]*".*?</table>', re.DOTALL)
MOST_WORDS = 3500
"""What a reader takes in at one sitting: no page's prose is longer."""


def prose_words(page_html):
    """The words a page says in its own voice: code, outputs and drawings left out."""
    text = text_of(NOT_PROSE.sub(" ", MAIN.search(page_html)[1]))
    return len(re.findall(r"\w[\w'’.-]*", text))


def test_prose_words_leave_out_code_outputs_and_drawings():
    page = ('<article role="main"><p>Three words here.</p><div class="highlight">'
            "<pre>code code code</pre></div><svg><text>drawn</text></svg>"
            "<p>Two more.</p></article>")
    assert prose_words(page) == 5


def test_no_page_has_more_prose_than_one_sitting(site):
    out, _ = site
    counts = {page.stem: prose_words(built(out, page)) for page in examplerunner.pages()}
    assert counts["index"] > 500, counts  # the count sees the prose at all
    long = {name: n for name, n in counts.items() if n > MOST_WORDS}
    assert not long, f"pages over {MOST_WORDS} words of prose: {long}"


ANCHORS = examplerunner.ROOT / "tests" / "anchors.json"
MOVED = re.compile(r'<script id="moved-anchors" data-moved="([^"]*)">')


def test_every_address_a_reader_may_have_kept_still_finds_its_place(site):
    """``tests/anchors.json`` lists the ids each page had; an id that left its page
    for a sister part is sent on to the part that holds it (_ext/moved.py)."""
    out, _ = site
    ids_on = {}

    def ids(name):
        if name not in ids_on:
            ids_on[name] = set(re.findall(r'\bid="([^"]+)"', (out / name).read_text(
                encoding="utf-8")))
        return ids_on[name]

    lost = []
    for page, kept in json.loads(ANCHORS.read_text(encoding="utf-8")).items():
        name = f"{page}.html"
        if not (out / name).exists():
            lost.append(f"{name} is gone")
            continue
        found = MOVED.search((out / name).read_text(encoding="utf-8"))
        moved = json.loads(html.unescape(found[1])) if found else {}
        for ident in kept:
            if ident in ids(name):
                assert ident not in moved, f"{name}#{ident} is here, yet sent away"
            elif ident not in moved or ident not in ids(moved[ident]):
                lost.append(f"{name}#{ident}")
    assert not lost, f"{len(lost)} addresses lead nowhere: {lost[:20]}"


def test_a_split_page_sends_its_old_addresses_to_the_part_that_holds_them(tmp_path):
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["moved"]\n', encoding="utf-8")
    pages = {"index": ".. toctree::\n\n   jobs\n   jobs-logging\n   other\n",
             "jobs": ".. _jobs-start:\n\nJobs\n====\n\nFirst part.\n",
             "jobs-logging": ".. _jobs-logging:\n\nLogging\n=======\n\nMoved here.\n\n"
                             ".. raw:: html\n\n   <figure id=\"drawn\"></figure>\n",
             "other": ".. _other-part:\n\nOther\n=====\n\nUnrelated.\n"}
    for name, text in pages.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
           status=None, warning=None, freshenv=True).build()

    def moved(name):
        found = MOVED.search((tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8"))
        return json.loads(html.unescape(found[1])) if found else None

    assert moved("jobs") == {"drawn": "jobs-logging.html", "jobs-logging": "jobs-logging.html",
                             "logging": "jobs-logging.html"}
    assert moved("jobs-logging") == {"jobs-start": "jobs.html", "jobs": "jobs.html"}
    assert moved("other") is None and moved("index") is None
