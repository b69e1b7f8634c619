"""As a user would: a real server, headless Chromium, mouse and keyboard. Screenshots go to
test-artifacts/web/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from indsigt.store import Store, schema
from indsigt.web import i18n

from .helpers import MACHINE, PASSWORDS, add_users, ids, insert_coding, make_study, rows
from .live import served, shot

pytestmark = pytest.mark.browser

HOSTILE = (
    "Interviewer: Hvad tænker du om det? <script>alert(1)</script>\n"
    'Hanne: Det er <b>fedt</b>. <img src=x onerror="alert(2)"> Og <a href="javascript:alert(3)">'
    "et link</a>.\n"
)


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path_factory.mktemp("local"))
    with served(study, "--user", "anna") as base:
        yield base, study


@pytest.fixture(scope="module")
def server_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path_factory.mktemp("server"))
    add_users(study)
    with served(study, "--server") as base:
        yield base, study


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def drag_select(page: Any, first: str, last: str) -> None:
    """Press the mouse at the start of ``first`` and release it in the middle of ``last``."""
    page.locator(first).scroll_into_view_if_needed()
    start = page.eval_on_selector(first, "e => e.getClientRects()[0].toJSON()")
    end = page.eval_on_selector(last, "e => e.getClientRects()[0].toJSON()")
    page.mouse.move(start["x"] + 1, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


def test_upload_a_transcript(page: Any, local_site: tuple[str, Path], tmp_path: Path) -> None:
    base, study = local_site
    s = ids(study)["study"]
    transcript = tmp_path / "interview_c.txt"
    transcript.write_text(
        "Interviewer: Hvad er det vigtigste?\nSara: At vi lærer hurtigt. Og at vi deler data.\n",
        encoding="utf-8",
    )
    page.goto(f"{base}/studies/{s}/upload")
    page.set_input_files("input[name=files]", str(transcript))
    shot(page, "upload-form")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{base}/studies/{s}/documents")
    # Sara's answer is hers (it was the interviewer's), so the document is also one to code next
    listed = page.get_by_role("table").get_by_role("link", name="interview_c.txt")
    assert listed.is_visible()
    assert page.locator("#code-next").get_by_role("link", name="interview_c.txt").is_visible()
    shot(page, "documents-after-upload")
    listed.click()
    assert "At vi lærer hurtigt." in page.inner_text("#transcript")


def test_upload_a_transcript_with_a_respondents_sheet(
    page: Any, local_site: tuple[str, Path], tmp_path: Path
) -> None:
    """The sheet beside the transcript: the page says whom it found and which levels (the
    study's two leaders and the new one), and links to the Segments page."""
    base, study = local_site
    s = ids(study)["study"]
    transcript = tmp_path / "interview_d.txt"
    transcript.write_text(
        "Interviewer: Hvad driver forandringen?\nJonas: Borgerne forventer digitale svar.\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "ledere.csv"
    sheet.write_text("Interview;Taler;Niveau\ninterview_d;Jonas;stat\n", encoding="utf-8")
    page.goto(f"{base}/studies/{s}/upload")
    page.set_input_files("input[name=files]", str(transcript))
    page.set_input_files("input[name=respondents]", str(sheet))
    page.click("#upload-form button[type=submit]")
    notice = page.locator("#upload-skipped")
    notice.wait_for()
    assert "ledere.csv" in page.inner_text("#upload-sheet")
    # by the sheet's own header, the label of the attribute it names
    assert "Niveau: kommune 1, stat 2" in page.inner_text("#upload-attributes")
    shot(page, "upload-with-sheet")
    notice.get_by_role("link", name="Segments").click()
    page.wait_for_url(f"{base}/studies/{s}/segments")


def test_code_a_passage_by_selecting_text(page: Any, local_site: tuple[str, Path]) -> None:
    base, study = local_site
    known = ids(study)
    s, doc = known["study"], known["docs"]["stat_b"]
    first, second = known["passages"]["stat_b"][1:3]
    page.goto(f"{base}/studies/{s}/documents/{doc}")
    drag_select(page, f'[data-passage="{first}"]', f'[data-passage="{second}"]')
    expect(page.locator("#selection-info")).to_have_text(re.compile(r"\b2 passages\): “"))
    page.fill("#code-search", "drivere")
    assert page.is_enabled("#add-coding")
    shot(page, "document-selection")
    page.click("#add-coding")
    page.wait_for_selector(f'[data-passage="{first}"] mark.seg')
    assert page.locator(f'[data-passage="{second}"] mark.seg').count() == 1
    stored = rows(study, schema.coding, schema.coding.c.code_id == known["codes"]["drivere"])
    # One coding of the selection, anchored on the sentence it starts in (issue 21, item 4).
    assert [(r.passage_id, r.coder, r.status) for r in stored] == [(first, "anna", "accepted")]
    assert stored[0].start is not None and stored[0].end is not None
    shot(page, "document-coded")


def test_accept_a_suggestion_and_see_reliability_change(
    page: Any, local_site: tuple[str, Path]
) -> None:
    base, study = local_site
    known = ids(study)
    s = known["study"]
    kommune = known["passages"]["kommune_a"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    insert_coding(study, kommune[3], kompetencer)
    insert_coding(study, kommune[5], kompetencer)
    insert_coding(study, kommune[6], known["codes"]["drivere"], coder="anna", status="accepted")
    url = f"{base}/studies/{s}/reliability?a={MACHINE}&b=anna"
    kappa = '[data-figure="cohen_kappa"] .value'
    page.goto(url)
    before = page.inner_text(kappa)
    shot(page, "reliability-before")

    page.goto(f"{base}/studies/{s}/queue")
    assert page.locator(".suggestion").count() == 2
    page.wait_for_selector(".suggestion.focus")
    shot(page, "queue")
    page.keyboard.press("a")
    page.wait_for_selector(".suggestion.done.accepted")
    assert page.inner_text("#queue-left") == "1"
    shot(page, "queue-after-accept")
    accepted = rows(study, schema.coding, schema.coding.c.passage_id == kommune[3])
    assert {(r.coder, r.status) for r in accepted} == {(MACHINE, "accepted"), ("anna", "accepted")}

    page.goto(url)
    after = page.inner_text(kappa)
    assert before != after, (before, after)
    assert float(after) > float(before)
    shot(page, "reliability-after")


def test_hostile_transcript_renders_inert(page: Any, local_site: tuple[str, Path]) -> None:
    base, study = local_site
    s = ids(study)["study"]
    page.goto(f"{base}/studies/{s}/upload")
    page.fill("input[name=name]", "<b>farlig</b>")
    page.fill("textarea[name=text]", HOSTILE)
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"{base}/studies/{s}/documents")
    page.get_by_role("table").locator("a", has_text="farlig").click()
    page.wait_for_selector("#transcript")
    transcript = page.locator("#transcript")
    text = transcript.inner_text()
    assert "<script>alert(1)</script>" in text
    assert '<img src=x onerror="alert(2)">' in text and "<b>fedt</b>" in text
    assert transcript.locator("script, img, b, a").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    shot(page, "hostile-transcript")


def test_viewer_cannot_edit(page: Any, server_site: tuple[str, Path]) -> None:
    base, study = server_site
    known = ids(study)
    s, doc = known["study"], known["docs"]["stat_b"]
    page.goto(f"{base}/studies/{s}/documents/{doc}")
    page.wait_for_url(f"{base}/login?next=**")
    page.fill("input[name=username]", "vic")
    page.fill("input[name=password]", PASSWORDS["vic"])
    shot(page, "login")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/studies/{s}/documents/{doc}")
    assert "coding needs the coder role" in page.inner_text("#coding-panel")
    assert page.locator("#add-coding").count() == 0
    shot(page, "viewer-document")
    passage = known["passages"]["stat_b"][1]
    status = page.evaluate(
        """async ([study, passage, code]) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const response = await fetch(`/studies/${study}/codings`, {
                method: "POST",
                headers: {"Content-Type": "application/json", "Accept": "application/json",
                          "X-CSRF-Token": token},
                body: JSON.stringify({passage_ids: [passage], code_id: code}),
            });
            return [response.status, (await response.json()).error];
        }""",
        [s, passage, known["codes"]["drivere"]],
    )
    assert status[0] == 403 and "coder role" in status[1]
    page.goto(f"{base}/studies/{s}/codebook")
    assert page.locator("#add-code").count() == 0
    page.goto(f"{base}/studies/{s}/findings")
    assert page.inner_text("#error").endswith("you are viewer")
    shot(page, "viewer-forbidden")
    assert rows(study, schema.coding) == []


def test_tour_of_the_pages(page: Any, server_site: tuple[str, Path]) -> None:
    """An admin's view of every page, for the screenshots."""
    base, study = server_site
    known = ids(study)
    s = known["study"]
    a = known["passages"]["kommune_a"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    insert_coding(study, a[3], kompetencer, coder="cai", status="accepted")
    insert_coding(study, a[3], kompetencer, coder="cora", status="accepted")
    insert_coding(study, a[5], kompetencer, coder="cai", status="accepted")
    insert_coding(
        study, known["passages"]["stat_b"][5], kompetencer, coder="cora", status="accepted"
    )
    insert_coding(study, a[6], known["codes"]["drivere"])
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORDS["ada"])
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/")
    for name, url in [
        ("studies", "/"),
        ("documents", f"/studies/{s}/documents"),
        ("document", f"/studies/{s}/documents/{known['docs']['kommune_a']}"),
        ("codebook", f"/studies/{s}/codebook"),
        ("reliability", f"/studies/{s}/reliability?a=cai&b=cora"),
        ("segments", f"/studies/{s}/segments"),
        ("settings", f"/studies/{s}/settings"),
        ("events", "/events"),
    ]:
        response = page.goto(base + url)
        assert response is not None and response.status == 200, url
        shot(page, f"tour-{name}")
    assert page.dialogs == []


def test_report_preview_is_styled_and_script_free(page: Any, local_site: tuple[str, Path]) -> None:
    base, study = local_site
    s = ids(study)["study"]
    reports = study.parent / "reports"
    reports.mkdir(exist_ok=True)
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
        "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    (reports / "preview.html").write_text(
        "<!doctype html><html><head><style>h1 { color: rgb(200, 0, 0); }</style></head>"
        f'<body><h1>Rapport</h1><img id="chart" src="{pixel}" alt="chart">'
        "<script>alert('report')</script></body></html>",
        encoding="utf-8",
    )
    page.goto(f"{base}/studies/{s}/reports/preview.html")
    page.wait_for_selector("h1")
    assert page.eval_on_selector("h1", "e => getComputedStyle(e).color") == "rgb(200, 0, 0)"
    assert page.eval_on_selector("#chart", "e => e.complete && e.naturalWidth") == 1
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_study_menu_is_one_line_at_1280_px(browser: Any, tmp_path: Path) -> None:
    """With the demo's long study name the menu neither wraps nor cuts the name, in every
    interface language (the Swedish and Norwegian menus have longer words and three other
    languages to offer)."""
    study = make_study(tmp_path / "menu")
    long_name = "Digital omstilling i den offentlige sektor (eksempel)"
    store = Store.open(study)
    try:
        with store.begin() as connection:
            connection.execute(sa.update(schema.study).values(name=long_name))
    finally:
        store.close()
    s = ids(study)["study"]
    with served(study, "--user", "anna") as base:
        for language in i18n.LANGUAGES:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
            try:
                page = context.new_page()
                page.goto(f"{base}/studies/{s}/reliability")
                assert page.get_attribute("html", "lang") == language
                nav = page.locator("header.topbar nav").bounding_box()
                assert nav is not None and nav["height"] < 40, language  # one line: ~28 px
                who = page.locator("header.topbar .who").bounding_box()
                assert who is not None and who["height"] < 40, language
                name = page.locator(".studyname")
                assert name.inner_text() == long_name
                width = page.eval_on_selector(".studyname", "e => [e.scrollWidth, e.clientWidth]")
                assert width[0] <= width[1], language
                shot(page, f"menu-1280-{language}")
            finally:
                context.close()
