"""Accessibility: axe-core (bundled by axe-playwright-python, runs offline) on the main pages in
Danish and English finds no serious or critical violation. Every violation found, whatever its
impact, is written to test-artifacts/web/axe-{da,en}.txt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .helpers import coded_study, ids
from .live import ARTIFACTS, chromium, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = (
    "studies",
    "documents",
    "document",
    "queue",
    "codebook",
    "code",
    "merge",
    "search",
    "themes",
    "reports",
    "reliability",
    "settings",
    "findings",
    # beyond the main pages
    "passages",
    "cooccurrence",
    "memos",
    "segments",
    "keypoints",
    "upload",
    "events",
)
# Forms folded away on load are opened, so axe sees their fields too.
OPEN = {"codebook": "details.add-code summary"}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    study = coded_study(tmp_path_factory.mktemp("axe"))
    with served(study, "--user", "anna") as base:
        yield base, study


def _url(study: Path, name: str) -> str:
    known = ids(study)
    s = known["study"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    return {
        "studies": "/",
        "document": f"/studies/{s}/documents/{known['docs']['kommune_a']}",
        "code": f"/studies/{s}/codebook/{kompetencer}",
        "merge": f"/studies/{s}/codebook/{kompetencer}/merge?into={known['codes']['drivere']}",
        "search": f"/studies/{s}/search?q=kompetencer",
        "reliability": f"/studies/{s}/reliability?a=cai&b=cora",
        "passages": f"/studies/{s}/codes/{kompetencer}/passages",
        "events": "/events",
    }.get(name, f"/studies/{s}/{name}")


def violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page).response["violations"])


def describe(name: str, found: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in found:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]][:5]
        lines.append(
            f"{name}: {violation['id']} ({violation['impact']}) × {len(violation['nodes'])}: "
            f"{violation['help']} — {'; '.join(targets)}"
        )
    return lines


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_serious_accessibility_violations(site: tuple[str, Path], language: str) -> None:
    pytest.importorskip("axe_playwright_python", reason="pip install -e '.[dev]'")
    base, study = site
    report: list[str] = []
    serious: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=language)
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            for name in PAGES:
                response = page.goto(base + _url(study, name))
                assert response is not None and response.status == 200, name
                assert page.get_attribute("html", "lang") == language, name
                if name in OPEN:
                    page.click(OPEN[name])
                found = violations(page)
                report += describe(name, found)
                serious += describe(name, [v for v in found if v["impact"] in SERIOUS])
        finally:
            context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{language}.txt").write_text(
        "\n".join(report) + "\n" if report else "no violations\n", encoding="utf-8"
    )
    assert serious == [], "\n".join(serious)
