"""The suggestion queue in a browser: filter to one code, accept a merged card (both coders'
suggestions decided), undo it. Screenshots go to test-artifacts/web/queue-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from indsigt.store import Store, schema
from indsigt.store.store import now

from .helpers import MACHINE, ids, insert_coding, make_study, rows
from .live import chromium, served, shot

pytestmark = pytest.mark.browser

SIMILAR = {"nearest": "Hvad driver forandringen", "similarity": 0.7134, "embedder": "e5:9f8e"}


def similarity_suggestion(path: Path, passage_id: int, code_id: int, score: float) -> int:
    store = Store.open(path)
    try:
        with store.begin() as connection:
            return int(
                connection.execute(
                    schema.coding.insert()
                    .values(
                        passage_id=passage_id,
                        code_id=code_id,
                        coder="similarity.v1",
                        score=score,
                        status="suggested",
                        evidence=SIMILAR,
                        created_at=now(),
                    )
                    .returning(schema.coding.c.id)
                ).scalar_one()
            )
    finally:
        store.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = make_study(tmp_path_factory.mktemp("queue"))
    with served(study, "--user", "anna") as base:
        yield base, study


def test_filter_accept_a_merged_card_and_undo(site: tuple[str, Path]) -> None:
    base, study = site
    known = ids(study)
    s = known["study"]
    drivers, skills = known["codes"]["drivere"], known["codes"]["udfordringer/kompetencer"]
    passage = known["passages"]["stat_b"][1]
    keyword = insert_coding(study, passage, drivers)
    similar = similarity_suggestion(study, passage, drivers, 0.91)
    insert_coding(study, known["passages"]["kommune_a"][3], skills)
    similarity_suggestion(study, known["passages"]["stat_b"][4], skills, 0.6)

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page: Any = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{base}/studies/{s}/queue")
        expect(page.locator("#queue .suggestion")).to_have_count(3)
        page.select_option("select[name=code]", "drivere")
        page.select_option("select[name=sort]", "score")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**code=drivere**")
        card = page.locator("#queue .suggestion")
        expect(card).to_have_count(1)
        expect(card.locator(".coders")).to_contain_text(f"proposed by {MACHINE}, similarity.v1")
        expect(card.locator(".evidence")).to_contain_text("similar to the definition, 0.71")
        expect(card.locator(".evidence")).to_contain_text("keywords: kompetencer")
        link = card.locator("a.passage-link")
        assert link.get_attribute("href").endswith(f"#p{passage}")
        shot(page, "queue-filtered")

        card.get_by_role("button", name="Accept (a)").click()
        expect(card).to_have_class(re.compile(r"\bdone accepted\b"))
        expect(card.locator(".state")).to_have_text("✓ Accepted by anna")
        expect(card.get_by_role("button", name="Accept (a)")).to_be_hidden()
        expect(page.locator("#queue-left")).to_have_text("0")
        decided = {r.id: r.status for r in rows(study, schema.coding)}
        assert decided[keyword] == decided[similar] == "accepted"
        shot(page, "queue-accepted")

        card.get_by_role("button", name="Undo (u)").click()
        expect(card.locator(".result")).to_have_text("Undone")
        expect(card.get_by_role("button", name="Accept (a)")).to_be_visible()
        expect(page.locator("#queue-left")).to_have_text("1")
        after = {r.id: (r.coder, r.status) for r in rows(study, schema.coding)}
        assert after[keyword][1] == after[similar][1] == "suggested"
        assert "anna" not in {coder for coder, _ in after.values()}
        shot(page, "queue-undone")

        link.click()
        page.wait_for_url(f"**#p{passage}")
        expect(page.locator(f"#p{passage}")).to_be_visible()
        shot(page, "queue-passage")
        context.close()
