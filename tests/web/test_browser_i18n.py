"""The interface in Danish and English in a real browser at 1280 × 800: the browser's language
chooses, the switch in the menu overrides it, and the menu stays on one line in both languages.
Screenshots: test-artifacts/web/i18n-{da,en}-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import coded_study, ids
from .live import served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = (
    "documents",
    "document",
    "queue",
    "codebook",
    "code",
    "search",
    "cooccurrence",
    "memos",
    "reliability",
    "segments",
    "themes",
    "reports",
)
MENU = {
    "da": ["Dokumenter", "Forslag", "Kodebog", "Søg", "Samforekomst", "Memoer", "Pålidelighed"],
    "en": [
        "Documents",
        "Suggestions",
        "Codebook",
        "Search",
        "Co-occurrence",
        "Memos",
        "Reliability",
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = coded_study(tmp_path_factory.mktemp("i18n"), queued=(("kommune_a", 6, "drivere"),))
    with served(study, "--user", "anna") as base:
        yield base, study


def _url(study: Path, name: str) -> str:
    known = ids(study)
    s = known["study"]
    if name == "document":
        return f"/studies/{s}/documents/{known['docs']['kommune_a']}"
    if name == "reliability":
        return f"/studies/{s}/reliability?a=cai&b=cora"
    if name == "code":
        return f"/studies/{s}/codebook/{known['codes']['udfordringer/kompetencer']}"
    if name == "search":
        return f"/studies/{s}/search?q=kompetencer"
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
        page.click("a.language[hreflang=da]")
        page.wait_for_selector("html[lang=da]")
        assert page.inner_text("h1") == "Kodebog"
        assert page.url.endswith(_url(study, "codebook"))
        page.goto(base + _url(study, "queue"))
        assert page.inner_text("h1").startswith("Forslag")
        page.click("a.language[hreflang=en]")
        page.wait_for_selector("html[lang=en]")
        assert page.inner_text("h1").startswith("Suggestions")
    finally:
        context.close()


def test_codebook_editor_in_danish(browser: Any, site: tuple[str, Path]) -> None:
    """The add form is above the table; a duplicate and an unknown parent are explained on the
    page; deleting asks first (and nothing is deleted when the answer is no)."""
    base, study = site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="da-DK")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base + _url(study, "codebook"))
        form_top = page.locator("details.add-code").bounding_box()
        table_top = page.locator("#code-tree").bounding_box()
        assert form_top is not None and table_top is not None
        assert form_top["y"] < table_top["y"]
        page.click("details.add-code summary")
        page.fill("#add-code input[name=path]", "drivere")
        page.fill("#add-code textarea[name=definition]", "min tekst")
        page.click("#add-code button[type=submit]")
        page.wait_for_selector("#code-problem")
        assert "kodebogen har allerede en kode 'drivere'" in page.inner_text("#code-problem")
        assert page.input_value("#add-code textarea[name=definition]") == "min tekst"
        shot(page, "i18n-da-codebook-duplicate")
        page.fill("#add-code input[name=path]", "findes-ikke/barn")
        page.click("#add-code button[type=submit]")
        page.wait_for_selector("#code-problem")
        assert "ingen kode 'findes-ikke'" in page.inner_text("#code-problem")
        code = ids(study)["codes"]["drivere"]
        page.goto(f"{base}/studies/{ids(study)['study']}/codebook/{code}")
        page.click("button.danger")
        page.wait_for_timeout(200)
        assert dialogs and dialogs[0].startswith("Slet drivere og dens")
        assert page.url.endswith(f"/codebook/{code}")  # still there: the answer was no
        shot(page, "i18n-da-code")
    finally:
        context.close()
