"""Coding in the document view, as a user would, in Danish and in English (issue 21, item 4):
select part of a sentence, find the code by typing, press Enter: one coding of exactly that
span, highlighted in the code's colour, with a chip that names the coder; a selection over
two sentences is one coding. Screenshots: test-artifacts/web/coding-{da,en}-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import indsigt
from indsigt.store import schema
from indsigt.web.data.colors import default_color

from .helpers import ids, make_study, rows
from .live import served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORDS = {
    "da": {"heading": "Kod en markering", "passages": "2 passager", "show": "kodning: vis"},
    "en": {"heading": "Code a selection", "passages": "2 passages", "show": "coding: show"},
}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path / "study")
    with served(study, "--user", "anna") as base:
        yield base, study


@pytest.fixture(params=["da", "en"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale=request.param)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.language = request.param
    yield opened
    context.close()


def select_text(page: Any, passage: int, phrase: str) -> None:
    """Select ``phrase`` inside passage ``passage`` as a mouse or shift+arrows would."""
    page.eval_on_selector(
        f'[data-passage="{passage}"]',
        """(element, phrase) => {
            const node = element.firstChild;
            const at = node.textContent.indexOf(phrase);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        phrase,
    )


def drag_select(page: Any, first: str, last: str) -> None:
    """Press the mouse at the start of ``first`` and release it in the middle of ``last``."""
    page.locator(first).scroll_into_view_if_needed()
    start = page.eval_on_selector(first, "e => e.getClientRects()[0].toJSON()")
    end = page.eval_on_selector(last, "e => e.getClientRects()[0].toJSON()")
    page.mouse.move(start["x"] + 1, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


def _rgb(color: str) -> str:
    return "rgb({}, {}, {})".format(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))


def test_select_part_of_a_sentence_and_pick_the_code_by_typing(
    page: Any, site: tuple[str, Path]
) -> None:
    base, study = site
    language = page.language
    known = ids(study)
    s, doc = known["study"], known["docs"]["kommune_a"]
    sentence = next(
        p for p in known["passages"]["kommune_a"] if "kompetencerne" in known["texts"][p]
    )
    code = known["codes"]["udfordringer/kompetencer"]
    page.goto(f"{base}/studies/{s}/documents/{doc}")
    expect(page.locator("#coding-panel h2").first).to_have_text(WORDS[language]["heading"])
    select_text(page, sentence, "kompetencerne mangler")
    expect(page.locator("#selection-info")).to_contain_text("“kompetencerne mangler”")
    page.keyboard.press("c")  # from the transcript to the picker, no mouse
    expect(page.locator("#code-search")).to_be_focused()
    page.keyboard.type("kompet")
    visible = page.locator("#code-options [role=option]:visible")
    expect(visible).to_have_count(2)  # the match and, dimmed, its parent
    chosen = page.locator("#code-options [aria-selected=true]")
    expect(chosen).to_have_attribute("data-code", str(code))
    page.keyboard.press("ArrowUp")  # the arrows walk the tree: up to the parent code …
    expect(chosen).to_have_attribute("data-code", str(known["codes"]["udfordringer"]))
    page.keyboard.press("ArrowDown")  # … and back
    expect(chosen).to_have_attribute("data-code", str(code))
    shot(page, f"coding-{language}-picker")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.seg")

    [stored] = rows(study, schema.coding)
    with indsigt.open_study(study) as opened:
        text = opened.document(doc).text
    assert text[stored.start : stored.end] == "kompetencerne mangler"
    assert (stored.passage_id, stored.code_id, stored.coder) == (sentence, code, "anna")
    mark = page.locator("mark.seg")
    expect(mark).to_have_text("kompetencerne mangler")  # exactly the span, not the sentence
    color = default_color(code)
    assert mark.evaluate("e => getComputedStyle(e).boxShadow").startswith(_rgb(color))
    toggle = page.locator(".chip-toggle")
    expect(toggle).to_contain_text("1")
    expect(toggle.locator(".visually-hidden")).to_contain_text(WORDS[language]["show"])
    chip = page.locator(".chip")
    expect(chip).to_be_hidden()  # folded until asked
    toggle.click()
    expect(chip).to_be_visible()
    expect(chip.locator(".code")).to_have_text("Kompetencer")
    expect(chip.locator(".coder")).to_have_text("anna")
    assert chip.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(color)
    chip.hover()
    expect(page.locator("mark.seg.lit")).to_have_count(1)  # the chip lights up its span
    shot(page, f"coding-{language}-coded")


def test_a_selection_over_two_sentences_is_one_coding(page: Any, site: tuple[str, Path]) -> None:
    base, study = site
    language = page.language
    known = ids(study)
    s, doc = known["study"], known["docs"]["stat_b"]
    first, second = known["passages"]["stat_b"][1:3]
    page.goto(f"{base}/studies/{s}/documents/{doc}")
    drag_select(page, f'[data-passage="{first}"]', f'[data-passage="{second}"]')
    expect(page.locator("#selection-info")).to_contain_text(WORDS[language]["passages"])
    page.click("#code-search")  # the picker keeps the selection made in the text
    page.keyboard.type("forandringen")  # found by its definition
    expect(page.locator("#code-options [role=option]:visible")).to_have_count(1)
    shot(page, f"coding-{language}-two-sentences")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.seg")
    [stored] = rows(study, schema.coding)
    assert stored.passage_id == first and stored.code_id == known["codes"]["drivere"]
    with indsigt.open_study(study) as opened:
        text = opened.document(doc).text
    one, two = known["texts"][first], known["texts"][second]
    assert stored.start == text.index(one)  # from the start of the first sentence …
    assert text.index(two) < stored.end < text.index(two) + len(two)  # … into the second
    marks = page.locator(f'mark.seg[data-codings="{stored.id}"]')
    expect(marks).to_have_count(3)  # one sentence, the space between, part of the next
    expect(page.locator(".chip-toggle")).to_have_count(1)  # one coding, one chip
    page.check("#show-chips")
    expect(page.locator(".chip .coder")).to_have_text("anna")
    expect(page.locator(".chip .code")).to_have_text(re.compile("Drivere"))
    shot(page, f"coding-{language}-two-sentences-coded")
