"""Pull quotes in the report are publishable: spoken fillers and false starts out ("[…]" for
an omission), never starting on conversational talk; the evidence stays verbatim; the study
setting ``publishable_quotes`` = false prints them verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.report import build_context

from .helpers import code_study

ANSWER = (
    "Øh, medarbejderne i forvaltningen skal have, øh, tid til at lære de nye systemer at "
    "kende, ellers bliver det... nej, så bliver det aldrig til noget for borgerne (griner)."
)


def _study(folder: Path) -> indsigt.Project:
    paths, rows = [], []
    for i in range(6):
        lines = [
            "I: Hvad med medarbejderne?",
            f"R: Ja. {ANSWER} Det er min erfaring efter {i + 3} år som leder i kommunen.",
        ]
        path = folder / f"int{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
        rows.append(f"int{i:02d},R,P{i:02d},kommune")
    sheet = folder / "respondents.csv"
    sheet.write_text("document,speaker,respondent,level\n" + "\n".join(rows) + "\n")
    project = indsigt.init_study(folder / "s.db", name="Citater", anonymisation_required=False)
    project.import_files(paths, respondents=sheet)
    code_study(project, human_documents=0)
    return project


def _quotes(project: indsigt.Project) -> list[str]:
    context = build_context(project.store, project.study.id, lang="da")
    return [quote.text for section in context.sections for quote in section.quotes]


def test_report_quotes_lose_fillers_and_false_starts(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        quotes = _quotes(project)
        verbatim = {p.text for p in project.passages()}
    assert quotes
    for quote in quotes:
        assert "øh" not in quote.lower() and "(griner)" not in quote
        assert not quote.startswith("Ja")
        assert "ellers bliver det […] så bliver det aldrig til noget" in quote
    assert any("øh" in text.lower() for text in verbatim)  # the evidence is untouched


@pytest.mark.slow  # a coded study of its own (the other test of the file covers the path)
def test_a_setting_keeps_quotes_verbatim(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        assert project.change_setting("publishable-quotes", "false") is False
        quotes = _quotes(project)
    assert quotes and all("øh" in quote.lower() for quote in quotes)
