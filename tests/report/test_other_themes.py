"""A finding is something several respondents say: an emergent theme of one respondent, or
one where a single respondent holds more than 60 % of its passages, is listed under "Øvrige
temaer" (its label and respondent count), not as a finding section (issue 17)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from indsigt.cli import main
from indsigt.report import build_context
from indsigt.report.emergent import DOMINANT, split_themes
from indsigt.store import schema
from indsigt.themes.discover import Theme, ThemeResult
from indsigt.themes.stored import StoredTheme, save_themes
from indsigt.units import analysis_units, ensure_units

from .helpers import small_study


def _theme(number: int, passages: tuple[int, ...], *, label: str = "") -> StoredTheme:
    return StoredTheme(
        id=number,
        number=number,
        label=label or f"tema {number}",
        terms=("a", "b"),
        size=len(passages),
        respondents=0,
        passage_ids=passages,
        representative=passages[:1],
        status="emergent",
        code=None,
    )


def test_split_themes_keeps_themes_several_respondents_share() -> None:
    owner = {1: 10, 2: 10, 3: 10, 4: 11, 5: 12, 6: 10, 7: 11}  # passage → respondent
    spread = _theme(1, (1, 4, 5))  # three respondents, a third each
    at_limit = _theme(2, (1, 2, 3, 4, 5))  # 3 of 5 = 60 %: still a finding
    dominated = _theme(3, (1, 2, 3, 6, 4))  # 4 of 5 = 80 % one respondent's
    alone = _theme(4, (1, 2))  # one respondent
    interviewer = _theme(5, (99,))  # no respondent passage at all: neither
    shared, others = split_themes([spread, at_limit, dominated, alone, interviewer], owner)
    assert [t.number for t in shared] == [1, 2]
    assert [(o.label, o.respondents) for o in others] == [("tema 3", (10, 11)), ("tema 4", (10,))]
    assert others[0].share == pytest.approx(0.8) and others[0].share > DOMINANT
    assert others[1].share == 1.0 and others[0].quoted


@pytest.mark.slow  # a small study imported, units built and the report made
def test_a_theme_one_respondent_dominates_is_no_finding(tmp_path: Path) -> None:
    with small_study(tmp_path, coded=False) as project:
        store, study_id = project.store, project.study.id
        ensure_units(store, study_id)
        p, t, s = schema.passage, schema.turn, schema.speaker
        with store.connect() as connection:
            who = dict(
                connection.execute(
                    sa.select(p.c.id, s.c.respondent_id)
                    .select_from(p.join(t, p.c.turn_id == t.c.id).join(s, t.c.speaker_id == s.c.id))
                    .where(s.c.respondent_id.is_not(None))
                ).all()
            )
        units: dict[int, list[int]] = defaultdict(list)  # respondent → their statements
        for unit in analysis_units(store, study_id, unit="statement"):
            owners = {who[pid] for pid in unit.passage_ids if pid in who}
            if len(owners) == 1:
                units[owners.pop()].append(unit.id)
        first, second, third, *rest = sorted(units)
        assert len(units[first]) >= 3 and len(rest) >= 3
        shared = tuple(units[r][0] for r in rest[:4])  # one statement each of four
        dominated = (*units[first], units[second][0])  # mostly the first respondent's
        alone = tuple(units[third])
        themes = [
            Theme(1, "Ledelse betyder alt", ("ledelse",), len(shared), shared, shared[:1]),
            Theme(2, "Jeg har været leder", ("leder",), len(dominated), dominated, dominated[:1]),
            Theme(3, "Demografien betyder", ("demografi",), len(alone), alone, alone[:1]),
        ]
        save_themes(
            store,
            study_id,
            ThemeResult(themes, []),
            unit="statement",
            embedder="tfidf",
            k=3,
            seed=0,
            code=None,
        )
        report = build_context(store, study_id, key_points=False)
        assert [section.title for section in report.sections] == ["Ledelse betyder alt"]
        assert len(report.other_themes) == 2
        dominated_line, alone_line = (c.text for c in report.other_themes)
        assert dominated_line.startswith("»Jeg har været leder« — 2 af 14 ledere; ")
        assert dominated_line.endswith("af passagerne er én leders")
        assert (
            alone_line == "»Demografien betyder« — 1 af 14 ledere; 100 % af passagerne er én leders"
        )
        assert "60 %" in report.other_themes_intro
        method = " ".join(c.text for part in report.method for c in part.claims)
        assert "ingen leder står for mere end 60 % af dets passager" in method
        written = CliRunner().invoke(
            main,
            ["report", str(store.location), "--format", "md", "--output", str(tmp_path / "out")],
        )
        assert written.exit_code == 0, written.output
        text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
        assert "### Øvrige temaer" in text and "»Jeg har været leder« — 2 af 14 ledere" in text
