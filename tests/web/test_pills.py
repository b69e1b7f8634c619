"""Pills (a theme's terms, a code's keywords, a respondent's attributes, a passage's codes)
are separate words in the page's text, not run together ("houseremindaxis") for a screen
reader, a copy and paste or the browser's find."""

from __future__ import annotations

import re
from pathlib import Path

from indsigt.web import i18n

TEMPLATES = Path(i18n.__file__).parent / "templates"


def test_no_two_pills_touch() -> None:
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        for loop in re.finditer(r"\{% for [^%]*%\}(.*?)\{% endfor %\}", source, flags=re.S):
            body = loop.group(1)
            if body.startswith('<span class="pill') and body.endswith("</span>"):
                raise AssertionError(f"{template.name}: pills in a loop with no space between")
