"""WCAG 2 colour contrast, and the colours the article's code is shown in (not a test module).

The browser test and the palette proof both use it, so that a colour the
browser shows and a colour the palette names are judged by the same formula.
"""

import re
import runpy

from pygments.styles import get_style_by_name
from pygments.token import Text

import examplerunner

NORMAL_TEXT = 4.5
"""The contrast WCAG 2 AA asks of text that is not large (success criterion 1.4.3)."""


def rgb(colour):
    """(r, g, b), each 0-255, of "#rrggbb", "#rgb" or a CSS "rgb(r, g, b)" (opaque only)."""
    if colour.startswith("rgb"):
        channels = re.findall(r"[\d.]+", colour)
        if len(channels) == 4 and float(channels[3]) != 1:
            raise ValueError(f"a translucent colour has no contrast of its own: {colour!r}")
        return tuple(int(c) for c in channels[:3])
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", digits):
        raise ValueError(f"not an opaque RGB colour: {colour!r}")
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour):
    """Relative luminance of a colour, as WCAG 2 defines it (0 black, 1 white)."""
    channels = [c / 255 for c in rgb(colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    """The WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


CONF = runpy.run_path(str(examplerunner.ROOT / "conf.py"))

# A token without a colour of its own inherits the code block's text colour.
# The theme (furo) sets that to the style's colour for plain text, or, where
# the style has none, to black on a light style and white on a dark one.
STYLES = {"light": (CONF["pygments_style"], "#000000"),
          "dark": (CONF["pygments_dark_style"], "#ffffff")}


def palette(scheme):
    """{token kind: (foreground, background)} for every kind of token the scheme's style knows."""
    name, fallback = STYLES[scheme]
    style = get_style_by_name(name)
    plain = style.style_for_token(Text)["color"]
    text = f"#{plain}" if plain else fallback
    colours = {}
    for token, _ in style:
        shown = style.style_for_token(token)
        colours[str(token)] = (f"#{shown['color']}" if shown["color"] else text,
                               f"#{shown['bgcolor']}" if shown["bgcolor"]
                               else style.background_color)
    return colours
