"""The codebook tree in a real browser, in Danish and English: drag a code under another, move
it back with the keyboard, merge two codes (the codings follow). Screenshots:
test-artifacts/web/codebook-{da,en}-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from indsigt.store import schema

from .helpers import ids, insert_coding, make_study, rows
from .live import served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORDS = {
    "da": {"moves": "2 kodninger flyttes til drivere.", "joins": "1 af dem slås sammen"},
    "en": {"moves": "2 codings move to drivere.", "joins": "1 of them joins"},
}


def paths(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all("li.code-node", "items => items.map(i => i.dataset.path)")
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_drag_step_and_merge(browser: Any, tmp_path: Path, language: str) -> None:
    study = make_study(tmp_path / language)
    known = ids(study)
    s, codes = known["study"], known["codes"]
    a = known["passages"]["kommune_a"]
    kompetencer, drivere = codes["udfordringer/kompetencer"], codes["drivere"]
    insert_coding(study, a[3], kompetencer, coder="anna", status="accepted")
    insert_coding(study, a[5], kompetencer, coder="anna", status="accepted")
    insert_coding(study, a[5], drivere, coder="anna", status="suggested")  # collapses
    with served(study, "--user", "anna") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{base}/studies/{s}/codebook")
            assert paths(page) == ["udfordringer", "udfordringer/kompetencer", "drivere"]
            shot(page, f"codebook-{language}-tree")

            # drag "drivere" onto the middle of "udfordringer": it becomes its sub-code
            target = page.locator(f"#code-{codes['udfordringer']} > .code-row")
            box = target.bounding_box()
            assert box is not None
            page.drag_and_drop(
                f"#code-{drivere} > .code-row .grip",
                f"#code-{codes['udfordringer']} > .code-row",
                target_position={"x": box["width"] / 3, "y": box["height"] / 2},
            )
            page.wait_for_selector('li.code-node[data-path="udfordringer/drivere"]')
            assert paths(page) == [
                "udfordringer",
                "udfordringer/kompetencer",
                "udfordringer/drivere",
            ]
            shot(page, f"codebook-{language}-dragged")

            # the keyboard way back: focus "move out of its parent", press Enter
            outdent = page.locator(f"#code-{drivere} button[value=outdent]")
            outdent.focus()
            page.keyboard.press("Enter")
            page.wait_for_selector('li.code-node[data-path="drivere"]')
            assert paths(page) == ["udfordringer", "udfordringer/kompetencer", "drivere"]
            # the focus is back on the moved code's buttons ("outdent" is disabled at the top)
            page.wait_for_function(
                f"() => document.activeElement.closest('#code-{drivere}') !== null"
            )
            assert page.evaluate("document.activeElement.value") == "up"
            # and "up" puts it first
            page.keyboard.press("Enter")  # the focused "up"
            page.wait_for_function(
                "() => document.querySelector('li.code-node').dataset.path === 'drivere'"
            )
            assert paths(page) == ["drivere", "udfordringer", "udfordringer/kompetencer"]

            # drag "kompetencer" onto the lower edge of "drivere": it goes right after it
            below = page.locator(f"#code-{drivere} > .code-row").bounding_box()
            assert below is not None
            page.drag_and_drop(
                f"#code-{kompetencer} > .code-row .grip",
                f"#code-{drivere} > .code-row",
                target_position={"x": below["width"] / 3, "y": below["height"] - 3},
            )
            page.wait_for_selector('li.code-node[data-path="kompetencer"]')
            assert paths(page) == ["drivere", "kompetencer", "udfordringer"]

            # merge udfordringer/kompetencer into drivere, from the code's page
            page.goto(f"{base}/studies/{s}/codebook/{kompetencer}")
            page.click(f"a[href='/studies/{s}/codebook/{kompetencer}/merge']")
            page.select_option("#merge-pick select[name=into]", str(drivere))
            page.click("#merge-pick button[type=submit]")
            summary = page.inner_text("#merge-summary")
            assert WORDS[language]["moves"] in summary
            assert WORDS[language]["joins"] in summary
            shot(page, f"codebook-{language}-merge")
            page.click("#merge-confirm button[type=submit]")
            page.wait_for_url(f"**/studies/{s}/codebook#code-{drivere}")
            assert paths(page) == ["drivere", "udfordringer"]
            assert "2" in page.inner_text(f"#code-{drivere} > .code-row .nof")
            shot(page, f"codebook-{language}-merged")
        finally:
            context.close()
    left = {(row.passage_id, row.code_id, row.status) for row in rows(study, schema.coding)}
    assert left == {(a[3], drivere, "accepted"), (a[5], drivere, "accepted")}


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_add_form_checks_the_path_as_it_is_typed(
    browser: Any, tmp_path: Path, language: str
) -> None:
    study = make_study(tmp_path / language)
    s = ids(study)["study"]
    words = {
        "da": ("kodebogen har allerede en kode 'drivere'", "ingen kode 'findes-ikke'"),
        "en": ("the codebook has a code 'drivere' already", "no code 'findes-ikke'"),
    }[language]
    with served(study, "--user", "anna") as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{base}/studies/{s}/codebook")
            page.click("details.add-code summary")
            path = page.locator("#add-code input[name=path]")
            path.fill("drivere")
            assert words[0] in page.inner_text("#path-check")
            assert path.get_attribute("aria-invalid") == "true"
            path.fill("findes-ikke/barn")
            assert words[1] in page.inner_text("#path-check")
            shot(page, f"codebook-{language}-add-check")
            path.fill("drivere/borgere")
            assert page.locator("#path-check").is_hidden()
            page.click("#add-code button[type=submit]")
            page.wait_for_selector('li.code-node[data-path="drivere/borgere"]')
            assert paths(page)[-1] == "drivere/borgere"
        finally:
            context.close()


def test_import_a_codebook_file_and_download_it(browser: Any, tmp_path: Path) -> None:
    """A team's codebook from NVivo through the page's form (in Swedish, for the sister
    study): the notice says what was added, the tree shows it, and the .qdc link downloads."""
    study = make_study(tmp_path / "sv")
    s = ids(study)["study"]
    qdc = tmp_path / "team.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo"><Codes>'
        '<Code guid="4a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" name="Hinder" isCodable="true"/>'
        "</Codes></CodeBook>\n",
        encoding="utf-8",
    )
    with served(study, "--user", "anna") as base:
        context = browser.new_context(
            viewport={"width": 1280, "height": 800}, locale="sv", accept_downloads=True
        )
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{base}/studies/{s}/codebook")
            page.locator("#codebook-files summary").click()
            page.set_input_files("#codebook-import input[name=codebook]", str(qdc))
            page.locator("#codebook-import button[type=submit]").click()
            page.wait_for_selector("#codebook-imported")
            assert "Kodbok team.qdc: 1 kod(er) tillagda" in page.inner_text("#codebook-imported")
            assert "Hinder" in paths(page)
            shot(page, "codebook-sv-imported")
            page.locator("#codebook-files summary").click()
            with page.expect_download() as download:
                page.get_by_role("link", name="REFI-QDA (.qdc)").click()
            saved = Path(download.value.path())
            assert download.value.suggested_filename == f"codebook-study-{s}.qdc"
            assert 'name="Hinder"' in saved.read_text(encoding="utf-8")
        finally:
            context.close()
    assert "Hinder" in {row.path for row in rows(study, schema.code)}
