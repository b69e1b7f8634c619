"""Every long step from the browser, in Danish and in English: an admin anonymises the study
(then the Findings page), runs the machine coders (progress, then their suggestions in the
queue), makes a report (the Reports page lists and previews it) and exports the study for
NVivo (a .qdpx to download). Screenshots:
test-artifacts/web/jobs-{da,en}-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .helpers import ids, make_study
from .live import served, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

JOB = 240_000  # ms: a job on a busy test machine
WORDS = {
    "da": {
        "jobs": "Job",
        "done": "færdig",
        "review": "Gennemgå forslagene",
        "reports": "Åbn rapporterne",
    },
    "en": {
        "jobs": "Jobs",
        "done": "done",
        "review": "Review the suggestions",
        "reports": "Open the reports",
    },
}


def _finished(page: Any, language: str) -> None:
    """Wait on a job page until the job has ended (the page reloads itself), and say it is done."""
    status = page.locator("#job .job-progress")
    expect(status).to_have_attribute("data-active", "0", timeout=JOB)
    expect(page.locator("#job .job-status")).to_have_text(WORDS[language]["done"])


@pytest.mark.parametrize("language", ["da", "en"])
def test_anonymise_code_and_report_from_the_browser(
    browser: Any, tmp_path: Path, language: str
) -> None:
    study = make_study(tmp_path / language, anonymisation_required=True)
    s = ids(study)["study"]
    with served(study, "--user", "anna") as base:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale=language, accept_downloads=True
        )
        try:
            page: Any = context.new_page()
            page.set_default_timeout(20_000)
            page.on("dialog", lambda dialog: dialog.accept())

            # The Jobs page: the forms, and why coding must wait for the anonymisation.
            page.goto(f"{base}/studies/{s}/documents")
            page.locator("#jobs-link a").click()
            expect(page.locator("h1")).to_have_text(WORDS[language]["jobs"])
            expect(page.locator("#needs-anonymisation")).to_be_visible()
            shot(page, f"jobs-{language}-start")

            # Anonymise (admin): rules only, then the findings page reviews.
            page.select_option("#start-anonymise select[name=tagger]", "none")
            page.locator("#start-anonymise button[type=submit]").click()
            page.wait_for_url(f"**/studies/{s}/jobs/*")
            _finished(page, language)
            shot(page, f"jobs-{language}-anonymised")
            page.locator("#job-result a.button").click()
            page.wait_for_url(f"**/studies/{s}/findings")
            expect(page.locator("table tbody tr").first).to_be_visible()
            shot(page, f"jobs-{language}-findings")

            # The machine coders: progress on the job page, then suggestions in the queue.
            page.goto(f"{base}/studies/{s}/jobs")
            expect(page.locator("#needs-anonymisation")).to_have_count(0)
            page.locator("#start-code button[type=submit]").click()
            page.wait_for_url(f"**/studies/{s}/jobs/*")
            expect(page.locator("#job progress")).to_be_visible()
            shot(page, f"jobs-{language}-coding")
            _finished(page, language)
            shot(page, f"jobs-{language}-coded")
            page.get_by_role("link", name=WORDS[language]["review"]).click()
            page.wait_for_url(f"**/studies/{s}/queue")
            expect(page.locator("#queue .suggestion").first).to_be_visible()
            shot(page, f"jobs-{language}-queue")

            # A report from the Reports page, in the interface's language.
            page.goto(f"{base}/studies/{s}/reports")
            expect(page.locator("#no-reports")).to_be_visible()
            page.select_option("#start-report select[name=lang]", language)
            page.locator("#start-report button[type=submit]").click()
            page.wait_for_url(f"**/studies/{s}/jobs/*")
            _finished(page, language)
            shot(page, f"jobs-{language}-report")
            page.get_by_role("link", name=WORDS[language]["reports"]).click()
            page.wait_for_url(f"**/studies/{s}/reports")
            names = page.locator("table tbody td:first-child").all_inner_texts()
            assert names == [
                f"report-{language}.docx",
                f"report-{language}.html",
                f"report-{language}.pdf",
            ]
            shot(page, f"jobs-{language}-reports")
            with context.expect_page() as opened:
                page.locator(f'a[href$="/reports/report-{language}.html"]').click()
            preview = opened.value
            preview.wait_for_load_state()
            assert preview.get_attribute("html", "lang") == language
            shot(preview, f"jobs-{language}-preview")

            # The study for NVivo: a REFI-QDA project from the Reports page, to download.
            page.goto(f"{base}/studies/{s}/reports")
            page.locator("#start-export button[type=submit]").click()
            page.wait_for_url(f"**/studies/{s}/jobs/*")
            _finished(page, language)
            shot(page, f"jobs-{language}-export")
            with page.expect_download() as download:
                page.locator('#job-result a[href$=".qdpx?download=true"]').click()
            assert download.value.suggested_filename == f"refi-qda-study-{s}.qdpx"

            # The list of jobs: four, all done, each with its result link.
            page.goto(f"{base}/studies/{s}/jobs")
            rows = page.locator("#jobs tbody tr")
            expect(rows).to_have_count(4)
            expect(page.locator("#jobs .job-status")).to_have_text([WORDS[language]["done"]] * 4)
            shot(page, f"jobs-{language}-list")
        finally:
            context.close()
