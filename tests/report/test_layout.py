"""The PDF's line and page breaks where a reader saw them go wrong (stop 32's read of two
reports): a key point's count alone on its line ("3 / of 14 focus groups: …"), evidence chips
on a line of their own, and a theme's count line at a page foot with its quotes overleaf. The
report's own templates and style sheet are laid out by WeasyPrint and the line boxes read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from indsigt.report.html import DEFAULT_THEME, environment
from indsigt.report.model import Claim, Ref, appendix_letters

weasyprint = pytest.importorskip("weasyprint")

REFS = (Ref("P3071", "e2-p3071"), Ref("P3072", "e2-p3072"), Ref("P3073", "e2-p3073"))
# Key points where WeasyPrint broke the line after the count's number (GENNOVATE: s32read's
# page 9, and this stop's page 6 once the chips were kept with the last word).
SEEN = (
    (
        "6 of 14 focus groups",
        "Parents expect more from boys so they want to get their sons more educated.",
    ),
    ("3 of 14 focus groups", "Education for both girls and boys should be as higher as it can be."),
)
MORE = "and more words here to test where the break falls when the line is full"


def _render(body: str, *, long_page: bool = False, **values: Any) -> Any:
    """``body``, with the report's macros (``m``), in the report's style sheet, laid out."""
    from indsigt.report.pdf import font_faces

    env = environment()
    css = env.get_template("style.css").render(theme=DEFAULT_THEME)
    if long_page:  # one page, so that no page break hides a line break
        css += "\n@page { size: 210mm 4000mm; margin: 24mm 22mm; }"
    page = env.from_string(
        '{% import "_macros.html" as m %}<html><head><style>{{ css }}</style></head><body>'
        "<main>" + body + "</main></body></html>"
    )
    html = page.render(css=css, **values)
    return weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=font_faces())])


def _lines(box: Any) -> Iterator[str]:
    """The text of every line box under ``box``, in order."""
    if type(box).__name__ == "LineBox":
        yield "".join(_texts(box))
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child)


def _texts(box: Any) -> Iterator[str]:
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _key_point(count: str, text: str) -> Claim:
    return Claim(f"{count}: “{text}”", REFS)


def test_a_key_points_count_and_its_chips_stay_on_a_line_with_its_words() -> None:
    words = MORE.split()
    claims = [_key_point(count, text) for count, text in SEEN] + [
        _key_point(count, f"{text[:-1]} {' '.join(words[:i])}{extra}.")
        for count, text in SEEN
        for i in range(len(words) + 1)
        for extra in ("", "x", "xxx")
    ]
    document = _render(
        '<section class="theme">{% for c in claims %}<ul class="key-points"><li>'
        "{{ m.claim(c) }}</li></ul>{% endfor %}</section>",
        long_page=True,
        claims=claims,
    )
    lines = [line.strip() for line in _lines(document.pages[0]._page_box)]
    lines = [line for line in lines if line not in ("", "•", "1")]
    alone = [line for line in lines if line[:1].isdigit() and "“" not in line]
    assert not alone, alone  # was "6" and "3" (s32read D1)
    chips = [line for line in lines if line.startswith("P3071")]
    assert not chips, len(chips)  # chips on a line of their own
    assert sum("P3071P3072P3073" in line for line in lines) == len(claims)


def test_a_claim_without_refs_is_printed_as_it_is() -> None:
    document = _render(
        "<p>{{ m.claim(c) }}</p>", long_page=True, c=Claim("No key point is shared.")
    )
    assert "No key point is shared." in next(_lines(document.pages[0]._page_box))


@pytest.mark.parametrize("filler", range(33, 38))
def test_a_themes_count_line_is_not_parted_from_its_first_quote(filler: int) -> None:
    """Paragraphs of filler push the count line down the page; wherever it lands, its quote
    is on the same page (GENNOVATE's theme 6 had its count at the foot of page 9)."""
    body = (
        '<section class="theme">'
        + "<p>Filler line that takes one line of the page.</p>" * filler
        + '<p class="claim">{{ m.claim(c) }}</p>'
        '<blockquote class="quote"><p>“A quote of two lines or so, long enough to need its '
        "own space on the page, and to be moved whole when it does not fit.”</p>"
        "<footer>— Focus group</footer></blockquote></section>"
    )
    claim = Claim(
        "Our parents urged more upon boys than girls to get education: mentioned by 12 of 14 "
        "focus groups (86%) in 101 statements (217 passages) from 12 discussions.",
        (Ref("E6", "e6"),),
    )
    document = _render(body, c=claim)
    pages = ["\n".join(_lines(page._page_box)) for page in document.pages]
    where = {
        "claim": next(i for i, text in enumerate(pages) if "mentioned by 12" in text),
        "quote": next(i for i, text in enumerate(pages) if "A quote of two lines" in text),
    }
    assert where["claim"] == where["quote"], where


def test_the_appendix_letters_leave_out_what_is_not_there() -> None:
    every = appendix_letters(codebook=True, reliability=True, saturation=True, segment_table=True)
    assert every == {"codebook": "A", "reliability": "B", "saturation": "C", "segment-table": "D"}
    assert appendix_letters(
        codebook=False, reliability=True, saturation=False, segment_table=False
    ) == {"reliability": "A"}
    # the table of tests, which the differences refer to, is C without a saturation curve
    assert appendix_letters(
        codebook=True, reliability=True, saturation=False, segment_table=True
    ) == {"codebook": "A", "reliability": "B", "segment-table": "C"}
    # reliability not measured: said in the method, no part of its own
    assert appendix_letters(
        codebook=True, reliability=False, saturation=False, segment_table=True
    ) == {"codebook": "A", "segment-table": "B"}
    assert not appendix_letters(
        codebook=False, reliability=False, saturation=False, segment_table=False
    )
