"""Prevalence among respondents from people's codings and a reviewed sample of machine
suggestions: calibrated intervals, and no estimate without a review."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from indsigt.analyse import code_prevalence, estimate_prevalence, sample_suggestions
from indsigt.analyse.prevalence import describe
from indsigt.cli import main
from indsigt.coding.sampling import draw
from indsigt.store import schema
from indsigt.store.store import now

from .test_compare import _study


def test_no_review_gives_no_estimate() -> None:
    found = estimate_prevalence(
        "a", respondents=15, confirmed=4, suggestions={1: 3, 2: 1}, accepted=0, rejected=0
    )
    assert found.estimate is None and found.low is None and found.suggested == 2
    assert describe(found) == (
        "4 af 15 (kodet af personer); maskinelt estimat, ikke gennemgået: yderligere op til 2"
    )


def test_reviewed_sample_gives_an_interval() -> None:
    found = estimate_prevalence(
        "a",
        respondents=15,
        confirmed=3,
        suggestions={k: 2 for k in range(8)},
        accepted=24,
        rejected=16,
    )
    assert found.estimate is not None and found.low is not None and found.high is not None
    assert 3 <= found.low <= found.estimate <= found.high <= 11
    assert found.precision == 0.6
    text = describe(found)
    assert text.startswith(f"ca. {round(found.estimate)} af 15 ({found.low}–{found.high})")
    assert text.endswith("maskinel kodning, 40 forslag gennemgået")
    assert describe(found, "en").startswith("about ")


def test_interval_covers_the_truth() -> None:
    """Simulated studies: each suggestion right with probability 0.6; the 95 % interval
    should hold the true number of respondents with the code nearly always."""
    rng = np.random.default_rng(7)
    covered = 0
    runs = 100
    for run in range(runs):
        counts = rng.integers(1, 4, size=12)
        right = [rng.random(m) < 0.6 for m in counts]
        truth = 2 + sum(bool(r.any()) for r in right)
        reviewed = rng.random(30) < 0.6
        found = estimate_prevalence(
            "a",
            respondents=20,
            confirmed=2,
            suggestions=dict(enumerate(counts.tolist())),
            accepted=int(reviewed.sum()),
            rejected=int((~reviewed).sum()),
            draws=1000,
            seed=run,
        )
        assert found.low is not None and found.high is not None
        covered += found.low <= truth <= found.high
    assert covered >= 0.88 * runs


def _suggest(project, code: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    with project.store.begin() as connection:
        code_id = connection.scalar(sa.select(schema.code.c.id).where(schema.code.c.path == code))
        for passage in project.passages():
            if passage.text.startswith(prefix):
                connection.execute(
                    schema.coding.insert().values(
                        passage_id=passage.id,
                        code_id=code_id,
                        coder="keyword.v1",
                        score=0.5,
                        status="suggested",
                        evidence={},
                        created_at=now(),
                    )
                )


def test_study_sample_review_and_estimate(tmp_path: Path) -> None:
    project = _study(tmp_path)
    _suggest(project, "Udfordringer/Jura", "Jeg har været")  # one per respondent
    before = code_prevalence(project.store, project.study.id, "Udfordringer")
    assert (before.respondents, before.confirmed, before.suggested) == (12, 6, 6)
    assert before.estimate is None
    drawn = sample_suggestions(project.store, project.study.id, "Udfordringer", 4, seed=1)
    assert len(drawn) == 4 and {r.coder for r in drawn} == {"keyword.v1"}
    assert drawn == sample_suggestions(project.store, project.study.id, "Udfordringer", 4, seed=1)
    every = sample_suggestions(project.store, project.study.id, "Udfordringer", 1000)
    assert drawn == draw(every, 4, seed=1)  # the queue's sampler, in document order
    ids = [r.id for r in drawn]
    project.review_codings(accept=ids[:2], reject=ids[2:], user="ann")
    after = code_prevalence(project.store, project.study.id, "Udfordringer")
    assert after.reviewed == 4 and after.accepted == 2
    assert after.estimate is not None and after.low is not None and after.high is not None
    assert after.confirmed <= after.low <= after.estimate <= after.high <= 12
    result = CliRunner().invoke(
        main,
        ["codings", str(tmp_path / "s.db"), "--sample", "3", "--code", "Udfordringer"],
    )
    assert result.exit_code == 0, result.output
    assert "maskinel kodning, 4 forslag gennemgået" in result.output
    refused = CliRunner().invoke(main, ["codings", str(tmp_path / "s.db"), "--sample", "3"])
    assert refused.exit_code != 0 and "--sample needs --code" in refused.output
    project.close()


@pytest.mark.slow
def test_report_counts_people_and_shows_the_machine_apart(tmp_path: Path) -> None:
    """The report counts accepted codings only (the default): the theme's "n af N" is the
    people's, and the machine's suggestions are a claim of their own."""
    from indsigt.report.context import build_context

    project = _study(tmp_path)
    _suggest(project, "Udfordringer/Jura", "Jeg har været")
    report = build_context(project.store, project.study.id)
    section = next(s for s in report.sections if s.code == "Udfordringer")
    texts = [claim.text for claim in section.claims]
    assert "6 af 12" in texts[0]
    machine = [t for t in texts if t.startswith("Maskinel kodning, særskilt estimat:")]
    assert machine == [
        "Maskinel kodning, særskilt estimat: 6 af 12 (kodet af personer); maskinelt estimat, "
        "ikke gennemgået: yderligere op til 6."
    ]
    other = next(s for s in report.sections if s.code == "Mobilisering")
    assert not any("Maskinel kodning" in claim.text for claim in other.claims)
    project.close()
