"""A study of written answers (a survey or consultation sheet, one document a row) is reported
as answers, not interviews: LLMCode's games-as-art sheet was reported as "Based on 174
interviews with 174 respondents", its evidence as "Interview 4, ¶ 20"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import indsigt
from indsigt.report import build_context
from indsigt.report.html import load_theme, render_html
from indsigt.report.i18n import STRINGS, Words

ANSWERS = (
    "The music in the last level felt like walking through a painting, slowly and alone.",
    "It made me think about my own family and the choices we never talked about at home.",
    "I cried at the end, which no game had done to me before, and I am not ashamed of it.",
)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_sentence_about_answers_speaks_of_interviews(lang: str) -> None:
    words = Words(lang, material="answers")
    assert set(words.strings) == set(STRINGS[lang])
    said = [
        text
        for text in words.strings.values()
        if re.search("interview", re.sub(r"\{\w*\}", "", text), re.I)  # not "{interviews}"
    ]
    assert said == []
    written = {"da": "skriftlige besvarelser fra", "en": "written answers from"}[lang]
    assert written in words("based_on", interviews=3, leaders=3, levels="")
    assert Words(lang)("interview") == "Interview"


def test_an_unknown_material_is_refused() -> None:
    with pytest.raises(ValueError, match="material must be one of interviews, answers"):
        Words("en", material="letters")


def _report_html(study: indsigt.Project, lang: str) -> tuple[str, str]:
    report = build_context(
        study.store, study.study.id, lang=lang, key_points=False, theme=load_theme(None)
    )
    return report.based_on, render_html(report)


def test_a_sheet_of_answers_is_reported_as_answers(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "games.csv"
    path.write_text("id,experience\n" + "".join(f'{n},"{a}"\n' for n, a in enumerate(ANSWERS)))
    study.import_files([path])

    based_on, html = _report_html(study, "en")

    assert based_on == "Based on 3 written answers from 3 respondents"
    assert "The answers are written in English." in html
    assert not re.search("interview", html, re.I)


def test_an_interview_is_still_an_interview(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "interview.txt"
    path.write_text("I: How did the project start?\nR: " + " ".join(ANSWERS) + "\n")
    study.import_files([path])

    based_on, html = _report_html(study, "en")

    assert based_on.startswith("Based on 1 interviews with 1")
    assert "The transcripts are in English." in html
