"""Default code colours: distinct per code (a new code never takes its neighbour's colour, as
the old ten-colour palette did), stable, and legible: chip text keeps WCAG AA contrast."""

from __future__ import annotations

import colorsys
from itertools import pairwise

from indsigt.records import Code
from indsigt.web.data.codes import color_of
from indsigt.web.data.colors import AA, INK, WHITE, contrast, default_color, ink_on


def _hue(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def test_default_colours_are_distinct_and_legible() -> None:
    colors = [default_color(code_id) for code_id in range(1, 201)]
    assert len(set(colors[:60])) == 60
    assert all(contrast(color, INK) >= AA for color in colors)
    for one, other in pairwise(colors):  # consecutive codes: far apart
        gap = abs(_hue(one) - _hue(other)) % 360
        assert min(gap, 360 - gap) > 100
    assert default_color(17) == default_color(17)  # stable: from the id alone


def test_a_code_without_a_colour_gets_its_own_and_not_the_tenth_before() -> None:
    plain = Code(id=11, path="ny/kode", labels={}, color="")
    assert color_of(plain) == default_color(11)
    assert color_of(plain) != color_of(Code(id=1, path="gammel", labels={}, color=""))
    assert color_of(Code(id=3, path="x", labels={}, color="#E76F51")) == "#e76f51"


def test_chip_text_on_any_colour() -> None:
    assert ink_on("#ffe066") == INK
    assert ink_on("#1f2933") == WHITE
    assert contrast("#000000", "#ffffff") == 21
    # The bundled codebook's teal: the page's ink would miss AA (4.44 : 1), black keeps it.
    assert contrast("#2a9d8f", INK) < AA
    assert ink_on("#2a9d8f") == "#000000" and contrast("#2a9d8f", "#000000") >= AA
    for color in ("#2a9d8f", "#e76f51", "#e9c46a", "#6d9dc5", "#3366cc", "#aa0000", "#777777"):
        assert contrast(color, ink_on(color)) >= AA, color
