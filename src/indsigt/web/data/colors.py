"""Code colours: a distinct default colour per code, and legible text on any colour.

The default colour of a code that has none is derived from its id alone: hues step by the
golden angle (0.618… of the circle per id), so consecutive codes — a new code and the one made
before it — land far apart on the colour wheel and a colour never depends on which other codes
exist. Saturation and lightness are chosen so that the page's ink (``INK``) on the colour keeps
WCAG AA contrast (4.5 : 1) for the chip text; the highlight in the transcript is a lighter mix
of the same colour.
"""

from __future__ import annotations

import colorsys

GOLDEN = 0.618033988749895
INK = "#1f2933"
WHITE = "#ffffff"
BLACK = "#000000"
AA = 4.5


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def default_color(code_id: int) -> str:
    """The colour of code ``code_id`` when it has none of its own."""
    hue = (code_id * GOLDEN) % 1.0
    lightness = 0.68
    color = _hex(*colorsys.hls_to_rgb(hue, lightness, 0.62))
    while contrast(color, INK) < AA and lightness < 0.95:
        lightness += 0.02
        color = _hex(*colorsys.hls_to_rgb(hue, lightness, 0.62))
    return color


def ink_on(color: str) -> str:
    """The text colour for a chip of ``color``: the page's ink where it keeps AA contrast,
    else black or white, whichever contrasts more (a code's own colour may be mid-tone)."""
    if contrast(color, INK) >= AA:
        return INK
    return BLACK if contrast(color, BLACK) >= contrast(color, WHITE) else WHITE
