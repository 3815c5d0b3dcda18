"""Sphinx extension: a long line of a script breaks where a programmer would break it.

On a phone a script's long line cannot be shown whole. The browser, left to
itself, either hides its end or breaks it anywhere, inside a name or a string
(``get_context("for|k")``), and a deep indent can go to a line of its own.
Code that misreads is worse than code that scrolls, so this extension marks,
when the page is written, where each long line *may* break, and the style
sheet (``_static/article.css``) lets it break there and nowhere else:

* after ``,``, after an opening bracket, after ``=`` (an assignment or a
  keyword argument), after a binary operator written with spaces
  (``a + b``, ``x and y``), before a comprehension's ``for`` or a
  conditional's ``if`` and ``else``, and before a comment; never inside a
  name, a string, an f-string's expression or a number, nor at a ``.``;
* the line's indent stays with its first token, and each continuation hangs
  four columns past the indent, marked with an arrow in the gutter;
* a part that still does not fit scrolls sideways.

Only lines longer than ``LONG`` characters (what fits a 320 px screen) get
any markup, and as little as it takes: one ``<x-l>`` element around the
line after its indent, one ``<x-n>`` around a stretch between two break
points that holds a place where the browser would otherwise break (a space,
a hyphen), and ``<wbr>`` where a break point has no space after it.
Pygments' own token spans are nowrap in such a line, so a name or a string
never needs an element of its own. Custom elements, not spans, so that
``pre span`` still means the highlighter's tokens alone (the colour tests
rely on it). A token whose style is the block's own text style in both the
light and the dark Pygments style (with the article's styles: punctuation,
whitespace and plain names, ``n``, ``nn``, ``nx``, ``p``, ``pm``, ``w``) loses
its element, in every line and inside a link too: nearly half of a
script's elements, read from the styles themselves so that a change of style
cannot leave a name in the wrong colour. The text of the block is
untouched: copying it, or reading it aloud, gives the script exactly.

Output blocks are left alone: they never wrap, and scroll (article.css).

Two kinds of short code in the prose get the same care. A script's name in
a download link may break after an underscore (``<wbr>``), not before its
last letters (``…join_timeout.p|y``). A short literal word with a hyphen
(``-SIGTERM``, ``--force``, ``utf-8``) is not broken at its hyphen.
"""

import functools
import html
import re

# A line this long or shorter fits a 320 px screen (33 columns of code) and
# is left as it is.
LONG = 32
# A bracket that holds fewer characters, or a value of fewer characters after
# "=", is not worth a break: f(x) and flush=True stay whole.
SHORT = 10

# A script's block as Sphinx writes it (sphinx-codeautolink has put its links
# in already: this runs after it, at a later priority of html-page-context).
CODE_BLOCK = re.compile(
    r'(<div class="highlight-python3? notranslate"><div class="highlight"><pre>)(.*?)(</pre>)',
    re.S)
PIECE = re.compile(r"<(/?)(span|a)\b[^>]*>|[^<]+")
CLASS = re.compile(r'class="([^"]*)"')

OPENING = "([{"
ASSIGNMENT = {"=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=", "^=", ">>=", "<<=",
              ":=", "@="}
BINARY = {"+", "-", "*", "/", "//", "%", "**", "@", "|", "&", "^", "<<", ">>", "==", "!=", "<",
          ">", "<=", ">=", "and", "or"}


def may_break(a, b):
    """Whether a browser may break between characters ``a`` and ``b`` where no
    token holds them together (between tokens, or in plain text).

    As Chromium does (its table for ASCII, checked pair by pair): after a
    space; after a hyphen or "?"; and before an opening bracket or "<" that
    follows punctuation, as in ``"{`` or ``)[``.
    """
    if not (a.isascii() and b.isascii()):
        return True
    return ((a.isspace() and not b.isspace())
            or (a == "-" and b not in " !$),./:;?]}")
            or (a == "?" and b not in " !),./:;?]}\"'")
            or (b in "([{<" and a in "!\"#%&)*+,-.:;=>?\\]|}~"))


class Node:
    """A top-level piece of a block: a token's element (markup) or plain text."""

    __slots__ = ("markup", "text", "kind")

    def __init__(self, markup, text, kind):
        self.markup, self.text, self.kind = markup, text, kind

    @property
    def blank(self):
        return self.kind in ("", "w") and not self.text.strip(" ")


def top_level(pre):
    """The top-level nodes of a block's HTML: each element whole, and plain text."""
    nodes, depth, start, kind = [], 0, 0, ""
    for piece in PIECE.finditer(pre):
        if piece[2] is None:  # text
            if depth == 0:
                nodes.append(Node(piece[0], html.unescape(piece[0]), ""))
            continue
        if piece[1]:  # a closing tag
            depth -= 1
            if depth == 0:
                markup = pre[start:piece.end()]
                nodes.append(Node(markup, html.unescape(re.sub(r"<[^>]*>", "", markup)), kind))
        else:
            if depth == 0:
                start = piece.start()
                found = CLASS.search(piece[0])
                kind = found[1] if found else ""
                if kind == "sphinx-codeautolink-a":
                    kind = "name"
            depth += 1
    return nodes


def lines_of(nodes):
    """The block's lines, each (nodes, crossed): crossed where a token runs
    over several lines (a docstring), which are left as they are."""
    lines, current, crossed = [], [], False
    for node in nodes:
        if "\n" not in node.text:
            current.append(node)
            continue
        if node.kind:  # a token over several lines
            crossed = True
            current.append(node)
            continue
        for i, part in enumerate(node.markup.split("\n")):
            if i:
                lines.append((current, crossed))
                current, crossed = [], False
            if part:
                current.append(Node(part, html.unescape(part), ""))
    lines.append((current, crossed))
    return lines


def reach(nodes, i):
    """How many characters follow ``nodes[i]`` up to the end of what it opens
    or assigns: to its closing bracket, or to the next ``,`` or closing
    bracket at its own depth."""
    opened = nodes[i].text.strip()[-1] in OPENING
    depth, length = 0, 0
    for node in nodes[i + 1:]:
        if node.kind == "p":
            for char in node.text:
                if char in OPENING:
                    depth += 1
                elif char in ")]}" or (char == "," and not opened):
                    if depth == 0:
                        return length
                    depth -= char != ","
                length += 1
            continue
        length += len(node.text)
    return length


def break_points(nodes):
    """Indices i such that the line may break before ``nodes[i]``."""
    points, fstring = set(), 0
    for i, node in enumerate(nodes[:-1]):
        text, after = node.text.strip(), nodes[i + 1]
        if node.kind == "si":
            fstring += text.count("{") - text.count("}")
        elif fstring > 0:
            continue
        elif node.blank:
            if i and after.kind.startswith("c"):
                points.add(i + 1)  # before a comment at the end of a line
            elif i and after.kind == "k" and after.text in ("for", "if", "else"):
                points.add(i + 1)  # before a comprehension's "for", a conditional
        elif node.kind == "p" and text[-1] == ",":
            points.add(i + 1)
        elif node.kind == "p" and text[-1] in OPENING:
            # Not where the bracket holds little: f(x) stays whole.
            if reach(nodes, i) >= SHORT:
                points.add(i + 1)
        elif node.kind in ("o", "ow") and text in ASSIGNMENT:
            if reach(nodes, i) >= SHORT:  # not flush=True
                points.add(i + 1)
        elif node.kind in ("o", "ow") and text in BINARY and after.blank and nodes[i - 1].blank:
            points.add(i + 1)
    # A break point followed by spaces moves past them: the spaces end the line.
    moved = set()
    for i in points:
        while i < len(nodes) and nodes[i].blank:
            i += 1
        if i < len(nodes):
            moved.add(i)
    return sorted(moved)


def loose(run, plain):
    """Whether the browser could break somewhere inside ``run`` (a list of nodes)."""
    previous = ""
    for node in run:
        # Inside a token (nowrap in article.css) nothing breaks; a comment
        # may, between its words, as prose does. A token of a plain kind is
        # plain text here (see unwrapped).
        inside = node.text if not node.kind or node.kind in plain else node.text[:1]
        for char in inside:
            if previous and may_break(previous, char):
                return True
            previous = char
        previous = node.text[-1:] or previous
    return False


def mark_line(nodes, plain):
    """One long line's HTML with its break points marked, or None to leave it."""
    text = "".join(node.text for node in nodes)
    if len(text) <= LONG:
        return None
    indent = 0
    while indent < len(nodes) and nodes[indent].blank:
        indent += 1
    if indent < len(nodes) and not nodes[indent].kind:  # plain text after the indent
        head = nodes[indent].text
        stripped = head.lstrip(" ")
        if len(stripped) < len(head):
            spaces = len(head) - len(stripped)
            nodes = [*nodes[:indent], Node(nodes[indent].markup[:spaces], head[:spaces], ""),
                     Node(nodes[indent].markup[spaces:], stripped, ""), *nodes[indent + 1:]]
            indent += 1
    body = nodes[indent:]
    points = break_points(body)
    comment = any(node.kind.startswith("c") and " " in node.text.strip() for node in body)
    if not points and not comment:
        return None
    columns = sum(len(node.text) for node in nodes[:indent])
    out = [node.markup for node in nodes[:indent]]
    out.append(f'<x-l style="--i:{columns}">' if columns else "<x-l>")
    for start, end in zip([0, *points], [*points, len(body)], strict=True):
        run = body[start:end]
        if start and not body[start - 1].text[-1:].isspace():
            out.append("<wbr>")
        markup = "".join(node.markup for node in run)
        out.append(f"<x-n>{markup}</x-n>" if loose(run, plain) else markup)
    out.append("</x-l>")
    return "".join(out)


def mark_block(pre, plain=frozenset()):
    """A block's inner HTML with each long line's break points marked, and
    the elements of the tokens of a kind in ``plain`` taken away."""
    nodes = top_level(pre)
    if sum(len(node.markup) for node in nodes) != len(pre):
        return pre  # markup this extension does not know: leave the block as it is
    out = []
    for line, crossed in lines_of(nodes):
        out.append((not crossed and mark_line(line, plain))
                   or "".join(node.markup for node in line))
    return unwrapped("\n".join(out), plain)


def unwrapped(markup, plain):
    """``markup`` without the elements of the tokens of a kind in ``plain``."""
    return plain_span(plain).sub(r"\1", markup) if plain else markup


@functools.cache
def plain_span(plain):
    kinds = "|".join(map(re.escape, sorted(plain)))
    return re.compile(f'<span class="(?:{kinds})">([^<]*)</span>')


@functools.cache
def plain_kinds(*styles):
    """The token kinds (Pygments' short class names) drawn in the block's own
    text style, colour, weight and all, in every one of ``styles``."""
    from pygments.styles import get_style_by_name
    from pygments.token import STANDARD_TYPES, Token

    kinds = None
    for name in styles:
        style = get_style_by_name(name)
        text = style.style_for_token(Token.Text)
        same = {short for token, short in STANDARD_TYPES.items()
                if short and style.style_for_token(token) == text}
        kinds = same if kinds is None else kinds & same
    return frozenset(kinds or ())


# The name of a script in a download link, and a literal word with a hyphen.
DOWNLOAD_NAME = re.compile(r'(<code class="xref download[^"]*"><span class="pre">)([^<]*)(</span>)')
HYPHENATED = re.compile(r'<span class="pre">(?=[^<]{0,23}-)(?=[^<]{2,24}</span>)')


def mark_page(body, plain=frozenset()):
    body = CODE_BLOCK.sub(lambda m: m[1] + mark_block(m[2], plain) + m[3], body)
    body = DOWNLOAD_NAME.sub(lambda m: m[1] + m[2].replace("_", "_<wbr>") + m[3], body)
    return HYPHENATED.sub('<span class="pre hyphenated">', body)


def html_page_context(app, pagename, templatename, context, doctree):
    if "body" in context:
        styles = [app.config.pygments_style or "sphinx",
                  getattr(app.config, "pygments_dark_style", None)]
        context["body"] = mark_page(context["body"], plain_kinds(*filter(None, styles)))


def setup(app):
    # After sphinx-codeautolink has put its links into the page (priority 500).
    app.connect("html-page-context", html_page_context, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
