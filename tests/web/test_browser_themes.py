"""The Themes page in a browser: run themes, rename one (a hostile label stays text), promote
another. Screenshots go to test-artifacts/web/themes-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from indsigt.store import schema

from .helpers import ids, make_study, rows
from .live import chromium, served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path_factory.mktemp("themes"))
    with served(study, "--user", "anna") as base:
        yield base, study


def test_run_rename_and_promote_themes(site: tuple[str, Path]) -> None:
    base, study = site
    s = ids(study)["study"]
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        page = context.new_page()
        page.set_default_timeout(15_000)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{base}/studies/{s}/themes")
        expect(page.locator("#no-themes")).to_be_visible()
        page.select_option("#run-themes select[name=unit]", "passage")
        page.fill("#run-themes input[name=k]", "3")
        page.click("#run-themes button[type=submit]")
        expect(page.locator("section.theme")).to_have_count(3)
        shot(page, "themes-run")

        first = page.locator("section.theme").nth(0)
        hostile = "<img src=x onerror=alert(1)> Kompetencer"
        first.locator("input[name=label]").fill(hostile)
        first.get_by_role("button", name="Rename").click()
        expect(page.locator("section.theme").nth(0).locator(".theme-label")).to_have_text(hostile)
        assert page.locator("section.theme img").count() == 0

        second = page.locator("section.theme").nth(1)
        second.locator("input[name=path]").fill("Data")
        second.get_by_role("button", name="Promote to code").click()
        expect(page.locator("section.theme").nth(1)).to_contain_text("Data")
        link = page.locator("section.theme").nth(0).locator("a.passage-link").first
        assert "#p" in (link.get_attribute("href") or "")
        page.wait_for_timeout(300)
        assert dialogs == []
        shot(page, "themes-renamed-promoted")
        context.close()
    codes = rows(study, schema.code, schema.code.c.path == "Data")
    assert len(codes) == 1
