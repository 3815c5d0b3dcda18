"""_ext/autolink_html.py: sphinx-codeautolink's links, written without parsing the page again.

The tests' build of the whole article links every page both ways and fails
on a difference; these tests pin the same on a small page, and what happens
when a script or a name cannot be placed.
"""

import importlib.util
import re

import pytest
from bs4 import BeautifulSoup
from sphinx.highlighting import PygmentsBridge
from sphinx_codeautolink.extension import block as original
from sphinx_codeautolink.extension.backref import CodeExample
from sphinx_codeautolink.parse import parse_names

import examplerunner

spec = importlib.util.spec_from_file_location(
    "autolink_html", examplerunner.ROOT / "_ext" / "autolink_html.py")
autolink_html = importlib.util.module_from_spec(spec)
spec.loader.exec_module(autolink_html)

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
    return autolink_html.link_html(*args, **options), original.link_html(*args, **options)


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
    monkeypatch.setattr(autolink_html, "logger", recorder)
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
    autolink_html.compared(*args, disable_link_titles=False)
    assert warnings.said == []
    monkeypatch.setattr(original, "link_html",
                        lambda *a, **k: autolink_html.link_html(*a, **k).replace("Pool<", "X<"))
    autolink_html.compared(*args, disable_link_titles=False)
    [(message, _)] = warnings.said
    assert message.startswith("the code links differ from sphinx-codeautolink's own")
    assert "X<" in message
