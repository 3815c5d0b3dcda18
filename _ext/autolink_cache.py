"""Sphinx extension: sphinx-codeautolink reads only the code, and only when it changed.

sphinx-codeautolink links each name in the scripts to its documentation. For
each page it parses the page's whole HTML, prose and output included, finds
the code blocks, links their names and writes the whole page back out. That
was more than half the build's time. This extension does two things:

* it hands sphinx-codeautolink the page's code blocks alone, and puts what
  comes back in their places: the prose stays exactly as Sphinx wrote it;
* it keeps the linked code blocks of each page in the doctree folder, under
  a digest of everything they were made from (the blocks, the names found
  in them and where each resolved, the options); a page whose digest is
  unchanged, as after an edit to its prose, takes them from there.

The links are the same: a block it could not match, or a name it resolved
but could not find in its block, is still a warning, which the build turns
into an error.
"""

import functools
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import sphinx_codeautolink
import sphinx_codeautolink.extension as autolink
from sphinx.errors import ExtensionError

# A highlighted literal block as Sphinx's HTML writer writes it. Inside, the
# writer escapes every "<", so the first "</pre>" ends the block.
CODE_BLOCK = re.compile(
    r'<div class="highlight-[^"]*"><div class="highlight"><pre>.*?</pre></div>\n</div>', re.S)
CACHE_FOLDER = "autolink-cache"


def digest(document, blocks, transforms, inventory, *args, **kwargs):
    """What the linked blocks of a page depend on, as one hex digest."""
    used = sorted({name.resolved_location for t in transforms for name in t.names})
    made_from = [sphinx_codeautolink.__version__, document, blocks, repr(transforms),
                 [(key, inventory.get(key)) for key in used], repr(args),
                 repr(sorted(kwargs.items()))]
    return hashlib.sha256(json.dumps(made_from).encode()).hexdigest()


def linked_blocks(link_html, folder, document, blocks, transforms, inventory, *args, **kwargs):
    """The page's code blocks with their names linked: from the cache, or made and cached."""
    key = digest(document, blocks, transforms, inventory, *args, **kwargs)
    cached = folder / f"{quote(document, safe='')}.json" if folder else None
    try:
        entry = json.loads(cached.read_text(encoding="utf-8"))
        if entry["digest"] == key:
            return entry["blocks"]
    except (AttributeError, OSError, ValueError, KeyError):
        pass
    html = link_html(document, "\n".join(blocks), transforms, inventory, *args, **kwargs)
    linked = CODE_BLOCK.findall(html)
    if len(linked) != len(blocks):
        raise ExtensionError(f"{document}: sphinx-codeautolink returned {len(linked)} code "
                             f"blocks for {len(blocks)}; remove autolink_cache from conf.py")
    if cached:
        # Written whole or not at all: parallel writers may share the folder.
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"digest": key, "blocks": linked}, out)
        os.replace(tmp, cached)
    return linked


def code_blocks_only(link_html, cache):
    """Wrap sphinx-codeautolink's ``link_html(document, html, ...)`` as described above.

    ``cache()`` names the folder of the cache, or None for no cache.
    """
    @functools.wraps(link_html)
    def wrapper(document, html, *args, **kwargs):
        blocks = CODE_BLOCK.findall(html)
        if not blocks:
            return html
        replacements = iter(linked_blocks(link_html, cache(), document, blocks, *args, **kwargs))
        return CODE_BLOCK.sub(lambda _: next(replacements), html)

    wrapper.original = link_html
    return wrapper


def setup(app):
    if not hasattr(autolink, "link_html"):
        raise ExtensionError("sphinx-codeautolink no longer has extension.link_html; "
                             "remove autolink_cache from conf.py's extensions")
    original = getattr(autolink.link_html, "original", autolink.link_html)
    autolink.link_html = code_blocks_only(original, lambda: Path(app.doctreedir) / CACHE_FOLDER)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
