"""_ext/autolink_fast.py: sphinx-codeautolink's links, by two shortcuts.

The tests' build of the whole article checks both shortcuts on every page
and every name, and fails on a difference; these tests pin the same on a
small page, and what happens when a script or a name cannot be placed.
"""

import re

import autolink_fast
import pytest
from bs4 import BeautifulSoup
from sphinx.highlighting import PygmentsBridge
from sphinx_codeautolink.extension import block as original
from sphinx_codeautolink.extension.backref import CodeExample
from sphinx_codeautolink.parse import parse_names

# Every way sphinx-codeautolink finds a name: plain, dotted, after a call,
# in "from X import", as an import's target, over several lines; and text
# that Sphinx escapes as entities.
SCRIPT = '''\
import multiprocessing as mp
import multiprocessing.pool
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import (
    Pool,
    Queue,
)

queue = mp.Queue()
with ProcessPoolExecutor() as executor:
    done = as_completed([executor.submit(print, "a < b & 'c'")])
pool = multiprocessing.pool.Pool(
    2)
mp.get_context("spawn").Process(target=print)
mp.Queue = mp.Queue
'''
CONSOLE = "$ python3 script.py\n<done>\n"


def highlighted(source, language):
    code = PygmentsBridge("html", "a11y-light").highlight_block(source, language)
    return f'<div class="highlight-{language} notranslate">{code}</div>\n'


def page(*scripts):
    parts = ['<h1>Title</h1>\n<p>Prose &quot;as Sphinx wrote it&quot; &amp; more.</p>\n']
    for script in scripts:
        parts += [highlighted(script, "python3"), highlighted(CONSOLE, "console"),
                  "<pre>not code</pre>\n"]
    return "".join(parts)


def transform(source, where="https://docs.python.org/3/library/"):
    names = parse_names(source, None)
    for name in names:
        name.resolved_location = ".".join(name.import_components)
    inventory = {name.resolved_location: where + name.resolved_location for name in names}
    return (original.SourceTransform(source, names, CodeExample("pools", "", []), 1),
            inventory)


def both(document, html, transforms, inventory, **options):
    args = (document, html, transforms, inventory, {}, [])
    options = {"builder_name": "html", "disable_link_titles": False, **options}
    return autolink_fast.link_html(*args, **options), original.link_html(*args, **options)


LINK = re.compile(r'<a class="sphinx-codeautolink-a" href="[^"]*"( title="[^"]*")?>|</a>')


@pytest.mark.parametrize("document", ["pools", "sub/page"])
@pytest.mark.parametrize("disable_link_titles", [False, True])
@pytest.mark.parametrize("where", ["https://docs.python.org/3/library/", "api.html#"])
def test_the_links_are_sphinx_codeautolinks_own(document, disable_link_titles, where):
    # The same script twice: each copy is linked once.
    other = SCRIPT.replace("pool = ", "other = ")
    (first, inventory), (second, _), (third, _) = (transform(s, where)
                                                   for s in (SCRIPT, other, SCRIPT))
    html = page(SCRIPT, other, SCRIPT)
    ours, theirs = both(document, html, [first, second, third], inventory,
                        disable_link_titles=disable_link_titles)
    assert len(first.names) >= 12
    assert ours.count("sphinx-codeautolink-a") == 3 * len(first.names)
    assert str(BeautifulSoup(ours, "html.parser")) == theirs


def test_a_block_of_any_linkable_class_is_linked():
    found, inventory = transform(SCRIPT)
    html = page(SCRIPT).replace('<div class="highlight-python3 notranslate">',
                                '<div class="doctest highlight-default notranslate">')
    ours, theirs = both("pools", html, [found], inventory)
    assert ours.count("sphinx-codeautolink-a") == len(found.names)
    assert str(BeautifulSoup(ours, "html.parser")) == theirs


def test_links_are_all_that_changes():
    found, inventory = transform(SCRIPT)
    html = page(SCRIPT)
    ours, _ = both("pools", html, [found], inventory)
    assert ours != html
    assert LINK.sub("", ours) == html


class Warnings:
    def __init__(self):
        self.said = []

    def warning(self, message, **where):
        self.said.append((message, where.get("subtype")))


@pytest.fixture
def warnings(monkeypatch):
    recorder = Warnings()
    monkeypatch.setattr(autolink_fast, "logger", recorder)
    return recorder


def test_a_script_without_its_block_is_a_warning(warnings):
    found, inventory = transform(SCRIPT)
    html = page(SCRIPT.replace("queue", "q"))
    ours, _ = both("pools", html, [found], inventory)
    assert ours == html
    assert [subtype for _, subtype in warnings.said] == ["match_block"]


def test_a_name_not_in_its_block_is_a_warning(warnings):
    found, inventory = transform(SCRIPT)
    found.names[-1].lineno = found.names[-1].end_lineno = 1
    both("pools", page(SCRIPT), [found], inventory)
    assert [subtype for _, subtype in warnings.said] == ["match_name"]


def test_a_page_linked_otherwise_than_by_sphinx_codeautolink_is_a_warning(warnings,
                                                                          monkeypatch):
    found, inventory = transform(SCRIPT)
    args = ("pools", page(SCRIPT), [found], inventory, {}, [])
    autolink_fast.compared(*args, disable_link_titles=False)
    assert warnings.said == []
    monkeypatch.setattr(original, "link_html",
                        lambda *a, **k: autolink_fast.link_html(*a, **k).replace("Pool<", "X<"))
    autolink_fast.compared(*args, disable_link_titles=False)
    [(message, _)] = warnings.said
    assert message.startswith("the code links differ from sphinx-codeautolink's own")
    assert "X<" in message


class Followed:
    """Stands in for sphinx-codeautolink's resolve_location: says where each name
    leads, and records which it was asked to follow."""

    def __init__(self, leads_to):
        self.leads_to, self.asked = leads_to, []

    def __call__(self, name, inventory):
        self.asked.append(name.code_str)
        return self.leads_to


def names(source):
    return {name.code_str: name for name in parse_names(source, None)}


FOLLOWED = names("import os\nimport dask.distributed\nos.getpid()\ndask.distributed.Client()\n")
INVENTORY_OF_PYTHON = {"os.getpid": "library/os.html#os.getpid",
                       "multiprocessing.Pool": "library/multiprocessing.html#Pool"}


def test_the_names_of_a_package_the_inventory_documents_nothing_of_are_not_followed(
        monkeypatch):
    follow = Followed("os.getpid")
    monkeypatch.setattr(autolink_fast, "resolve_location", follow)
    resolve = autolink_fast.DocumentedOnly({}, check=False)
    assert resolve(FOLLOWED["os.getpid"], INVENTORY_OF_PYTHON) == "os.getpid"
    unlinked = resolve(FOLLOWED["dask.distributed.Client"], INVENTORY_OF_PYTHON)
    assert follow.asked == ["os.getpid"]
    assert unlinked == "dask.distributed.Client" and unlinked not in INVENTORY_OF_PYTHON


def test_a_package_the_inventory_map_leads_from_is_followed(monkeypatch):
    follow = Followed("dask.Client")
    monkeypatch.setattr(autolink_fast, "resolve_location", follow)
    resolve = autolink_fast.DocumentedOnly({"dask.Client": "multiprocessing.Pool"}, check=False)
    resolve(FOLLOWED["dask.distributed.Client"], INVENTORY_OF_PYTHON)
    assert follow.asked == ["dask.distributed.Client"]


@pytest.mark.parametrize("leads_to, mapped, warned", [
    ("distributed.Client", {}, False),
    ("multiprocessing.Pool", {}, True),
    ("distributed.Pool", {"distributed.Pool": "multiprocessing.Pool"}, True),
], ids=["undocumented", "documented", "documented-through-the-map"])
def test_the_check_follows_them_and_warns_of_a_lost_link(monkeypatch, warnings, leads_to,
                                                        mapped, warned):
    monkeypatch.setattr(autolink_fast, "resolve_location", Followed(leads_to))
    resolve = autolink_fast.DocumentedOnly(mapped, check=True)
    assert resolve(FOLLOWED["dask.distributed.Client"], INVENTORY_OF_PYTHON) \
        == "dask.distributed.Client"
    assert bool(warnings.said) == warned
