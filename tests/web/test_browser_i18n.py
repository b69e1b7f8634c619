"""The interface in Danish and English in a real browser at 1280 × 800: the browser's language
chooses, the switch in the menu overrides it, and the menu stays on one line in both languages.
Screenshots: test-artifacts/web/i18n-{da,en}-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import ids, insert_coding, make_study
from .live import chromium, served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ("documents", "document", "queue", "codebook", "reliability", "segments", "reports")
MENU = {
    "da": ["Dokumenter", "Forslag", "Kodebog", "Pålidelighed", "Segmenter", "Temaer", "Rapporter"],
    "en": ["Documents", "Suggestions", "Codebook", "Reliability", "Segments", "Themes", "Reports"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path_factory.mktemp("i18n"))
    known = ids(study)
    a = known["passages"]["kommune_a"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    insert_coding(study, a[3], kompetencer, coder="cai", status="accepted")
    insert_coding(study, a[3], kompetencer, coder="cora", status="accepted")
    insert_coding(study, a[6], known["codes"]["drivere"])
    with served(study, "--user", "anna") as base:
        yield base, study


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


def _url(study: Path, name: str) -> str:
    known = ids(study)
    s = known["study"]
    if name == "document":
        return f"/studies/{s}/documents/{known['docs']['kommune_a']}"
    if name == "reliability":
        return f"/studies/{s}/reliability?a=cai&b=cora"
    return f"/studies/{s}/{name}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_main_pages_in_the_browsers_language(
    browser: Any, site: tuple[str, Path], language: str
) -> None:
    base, study = site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        for name in PAGES:
            response = page.goto(base + _url(study, name))
            assert response is not None and response.status == 200, name
            assert page.get_attribute("html", "lang") == language
            nav = page.locator("header.topbar nav.studynav")
            box = nav.bounding_box()
            assert box is not None and box["height"] < 40, (name, box)  # one line
            width = page.eval_on_selector(
                "header.topbar nav.studynav", "e => [e.scrollWidth, e.clientWidth]"
            )
            assert width[0] <= width[1], (name, width)  # nothing scrolled out of sight
            for word in MENU[language]:
                assert word in nav.inner_text()
            shot(page, f"i18n-{language}-{name}")
    finally:
        context.close()


def test_the_menu_switch_overrides_the_browser(browser: Any, site: tuple[str, Path]) -> None:
    base, study = site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(base + _url(study, "codebook"))
        assert page.inner_text("h1") == "Codebook"
        page.click("form.language button[value=da]")
        page.wait_for_selector("html[lang=da]")
        assert page.inner_text("h1") == "Kodebog"
        assert page.url.endswith(_url(study, "codebook"))
        page.goto(base + _url(study, "queue"))
        assert page.inner_text("h1").startswith("Forslag")
        page.click("form.language button[value=en]")
        page.wait_for_selector("html[lang=en]")
        assert page.inner_text("h1").startswith("Suggestions")
    finally:
        context.close()
