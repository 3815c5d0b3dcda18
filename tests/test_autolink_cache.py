"""_ext/autolink_cache.py: sphinx-codeautolink sees only the code blocks, and
a page whose code and links did not change is served from the cache."""

import importlib.util
from dataclasses import dataclass, field

import pytest
from sphinx.errors import ExtensionError

import examplerunner

spec = importlib.util.spec_from_file_location(
    "autolink_cache", examplerunner.ROOT / "_ext" / "autolink_cache.py")
autolink_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(autolink_cache)


def block(code):
    return (f'<div class="highlight-python3 notranslate"><div class="highlight"><pre>{code}'
            '</pre></div>\n</div>')


PAGE = ("<h1>Title</h1>\n<p>Prose &quot;as Sphinx wrote it&quot;.</p>\n"
        + block('<span class="n">print</span>') + "\n<p>Between.</p>\n"
        + block('<span class="n">Process</span>') + "\n<pre>not code</pre>\n")


@dataclass
class Name:
    resolved_location: str


@dataclass
class Transform:
    source: str
    names: list = field(default_factory=list)


def transforms(location="multiprocessing.Process"):
    return [Transform("print", [Name("print")]), Transform("Process", [Name(location)])]


INVENTORY = {"print": "https://docs.python.org/3/library/functions.html#print",
             "multiprocessing.Process": "https://docs.python.org/3/library/x.html#Process"}


class LinkHtml:
    """Stands in for sphinx-codeautolink's link_html: marks each block it was given."""

    def __init__(self):
        self.seen = []

    def __call__(self, document, html, transforms, inventory, *args, **kwargs):
        self.seen.append(html)
        return html.replace("<pre>", "<pre><!-- linked -->")


def link(folder, page=PAGE, document="pools", found=None, inventory=INVENTORY, **kwargs):
    stub = LinkHtml()
    wrapper = autolink_cache.code_blocks_only(stub, lambda: folder)
    out = wrapper(document, page, found or transforms(), inventory, {}, [],
                  builder_name="html", disable_link_titles=False, **kwargs)
    return out, stub.seen


def test_only_the_code_blocks_are_parsed_and_each_comes_back_in_its_place(tmp_path):
    out, seen = link(tmp_path)
    assert seen == [block('<span class="n">print</span>') + "\n"
                    + block('<span class="n">Process</span>')]
    assert out == PAGE.replace('<pre><span', '<pre><!-- linked --><span')


def test_a_page_whose_code_and_links_are_unchanged_comes_from_the_cache(tmp_path):
    first, _ = link(tmp_path)
    again, seen = link(tmp_path, page=PAGE.replace("Between.", "Edited prose."))
    assert seen == []
    assert again == first.replace("Between.", "Edited prose.")


@pytest.mark.parametrize("change", [
    {"page": PAGE.replace(">Process<", ">Pool<")},
    {"document": "queues"},
    {"found": transforms(location="multiprocessing.pool.Pool")},
    {"inventory": {**INVENTORY, "print": "https://example.org/print"}},
    {"extra": True},
], ids=["code", "document", "resolved-name", "link-target", "option"])
def test_any_change_to_what_the_links_are_made_from_runs_it_again(tmp_path, change):
    link(tmp_path)
    _, seen = link(tmp_path, **change)
    assert len(seen) == 1


def test_without_a_cache_folder_it_runs_every_time():
    assert len(link(None)[1]) == 1 and len(link(None)[1]) == 1


def test_a_page_without_code_is_left_alone(tmp_path):
    out, seen = link(tmp_path, page="<p>Only prose.</p>")
    assert (out, seen) == ("<p>Only prose.</p>", [])


def test_blocks_lost_by_the_linker_are_an_error(tmp_path):
    wrapper = autolink_cache.code_blocks_only(lambda *a, **k: "", lambda: tmp_path)
    with pytest.raises(ExtensionError, match="returned 0 code blocks for 2"):
        wrapper("pools", PAGE, transforms(), INVENTORY, {}, [])
