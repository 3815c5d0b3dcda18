"""Every colour of the code's highlighting meets WCAG 2 AA contrast, proven from the palette.

The scripts are coloured by two fixed Pygments styles (conf.py's
``pygments_style`` for light mode, ``pygments_dark_style`` for dark). A
style is a finite table: each kind of token gets one colour, on the style's
one background. So instead of measuring each of the thousands of coloured
words on the pages, as axe-core does, this proves the contrast of every
colour the style can give any token, with the WCAG 2 formula. That is why
the browser test leaves highlighted code tokens out of axe's colour-contrast
rule (and only out of that rule): this proof covers them, for every token
kind, including those no page shows yet. The browser test also checks that
the page shows the code in exactly these colours.
"""

import pytest
from wcag import NORMAL_TEXT, STYLES, contrast, palette


@pytest.mark.parametrize("scheme", STYLES)
def test_every_token_colour_meets_wcag_aa(scheme):
    colours = palette(scheme)
    assert len(colours) > 50, "the style lists too few token kinds to be a real palette"
    weak = {token: f"{fg} on {bg}: {contrast(fg, bg):.2f}:1"
            for token, (fg, bg) in colours.items() if contrast(fg, bg) < NORMAL_TEXT}
    assert not weak, f"{STYLES[scheme][0]}: below {NORMAL_TEXT}:1: {weak}"


def test_contrast_formula_matches_wcag_reference_values():
    """The formula gives the ratios WCAG's own examples give."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < NORMAL_TEXT
