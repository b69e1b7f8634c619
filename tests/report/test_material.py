"""A study of written answers (a survey or consultation sheet, one document a row) is reported
as answers, not interviews: LLMCode's games-as-art sheet was reported as "Based on 174
interviews with 174 respondents", its evidence as "Interview 4, ¶ 20". A study of focus groups
is reported as discussions: GENNOVATE's groups read "Baseret på 14 interviews med 14
fokusgrupper" and "Interview 7, ¶ 39" (the s32 walk)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

import indsigt
from indsigt.report import build_context
from indsigt.report.formats import report_writers
from indsigt.report.html import load_theme, render_html
from indsigt.report.i18n import STRINGS, Words

from .helpers import code_study
from .reader import docx_text

ANSWERS = (
    "The music in the last level felt like walking through a painting, slowly and alone.",
    "It made me think about my own family and the choices we never talked about at home.",
    "I cried at the end, which no game had done to me before, and I am not ashamed of it.",
)


MATERIAL_SAYS = {
    ("da", "answers"): "Baseret på 3 skriftlige besvarelser fra 3 deltagere",
    ("en", "answers"): "Based on 3 written answers from 3 respondents",
    ("da", "discussions"): "Baseret på 3 diskussioner med 3 deltagere",
    ("en", "discussions"): "Based on 3 discussions with 3 respondents",
}


@pytest.mark.parametrize(("lang", "material"), sorted(MATERIAL_SAYS))
def test_no_sentence_about_answers_or_discussions_speaks_of_interviews(
    lang: str, material: str
) -> None:
    words = Words(lang, material=material)
    assert set(words.strings) == set(STRINGS[lang])
    said = [
        text
        for text in words.strings.values()
        if re.search("interview", re.sub(r"\{\w*\}", "", text), re.I)  # not "{interviews}"
    ]
    assert said == []
    assert words("based_on", interviews=3, leaders=3, levels="") == MATERIAL_SAYS[lang, material]
    assert Words(lang)("interview") == "Interview"


def test_danish_discussions_are_common_gender() -> None:
    """ "Interview" is neuter, "diskussion" common: no "hvert diskussion", "intet diskussion"."""
    words = Words("da", material="discussions")
    neuter = re.compile(r"\b(?:et|ét|hvert|intet|det|sit)\s+(?:af\s+\{\w+\}\s+)?diskussion", re.I)
    assert [text for text in words.strings.values() if neuter.search(text)] == []
    assert "ingen diskussion er kodet af mere end én koder" in words("reliability_not_measured")
    assert words("saturation_caption") == "Antal koder efter hver diskussion (mætningskurve)"
    assert "efter hver af 4 diskussioner" in words("saturation_alt", n=4, first=1, last=5)
    assert words("interview") == "Diskussion"
    assert "diskussionens nummer" in words("evidence_intro")


def test_an_unknown_material_is_refused() -> None:
    with pytest.raises(
        ValueError, match="material must be one of interviews, answers, discussions"
    ):
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
    assert _report_html(study, "da")[0].startswith("Baseret på 1 interviews med 1")


GENNOVATE_HEADER = ("data_container", "transcript", "quote or transcriber's summary")
GROUP_SAYS = (
    "The women keep data on the market prices in a notebook at home.",
    "Every citizen of the village goes to the market on Fridays.",
    "The staff of the cooperative help the women with a small budget.",
    "We keep data on the harvest, and the staff write it down for the men.",
)


def _focus_groups(folder: Path, communities: int = 2) -> list[Path]:
    """GENNOVATE-layout sheets, a women's and a men's focus group per community."""
    paths = []
    for number in range(1, communities + 1):
        for gender in "FM":
            path = folder / f"TRANSCRIPT_XX{number}_XX{number}E_{gender}.csv"
            votes = f"Respondents cast {number * 10} votes for {gender} groups."  # not a twin
            rows = [GENNOVATE_HEADER, ("E.1", votes, "summary")]
            rows += [("E.2", text, "quote") for text in GROUP_SAYS]
            path.write_text("".join(",".join(f'"{c}"' for c in row) + "\n" for row in rows))
            paths.append(path)
    return paths


def _rendered(project: indsigt.Project, lang: str, folder: Path) -> tuple[str, dict[str, str]]:
    """The report's "based on" line and its HTML, Markdown and DOCX text."""
    report = build_context(
        project.store, project.study.id, lang=lang, key_points=False, theme=load_theme(None)
    )
    html = render_html(report)
    texts = {}
    for kind in ("html", "md", "docx"):
        target = folder / f"report-{lang}.{kind}"
        report_writers()[kind]().write(report, target, html=lambda: html, template=None)
        texts[kind] = docx_text(target) if kind == "docx" else target.read_text("utf-8")
    texts["html"] = unescape(texts["html"])  # "discussion&#39;s"
    return report.based_on, texts


FOCUS_GROUP_REPORT = {
    "da": (
        "Baseret på 4 diskussioner med 4 fokusgrupper",
        "Diskussionerne er opdelt i",
        "nævnt af alle 4 fokusgrupper i",  # every group says it: no "(100 %) … fra 4 …"
        "Diskussion 1, ¶ 2",
        "i 2 diskussioner",  # the reliability pair: two groups coded by a person and a machine
        "Antal koder efter hver diskussion (mætningskurve)",
        "diskussionens nummer",
    ),
    "en": (
        "Based on 4 discussions with 4 focus groups",
        "The discussions are divided into",
        "mentioned by all 4 focus groups in",
        "Discussion 1, ¶ 2",
        "in 2 discussions",
        "Number of codes after each discussion (saturation curve)",
        "its discussion's number",
    ),
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_focus_group_study_is_reported_as_discussions(tmp_path: Path, lang: str) -> None:
    with indsigt.init_study(tmp_path / "groups.db", anonymisation_required=False) as project:
        project.import_files(_focus_groups(tmp_path))
        code_study(project, human_documents=2, reviewed_documents=2)
        based_on, texts = _rendered(project, lang, tmp_path)

    assert based_on == FOCUS_GROUP_REPORT[lang][0]
    for kind, text in texts.items():
        for said in FOCUS_GROUP_REPORT[lang]:
            assert said in text, (kind, said)
        assert not re.search("interview", text, re.I), kind


def test_focus_groups_the_user_named_otherwise_are_still_discussions(tmp_path: Path) -> None:
    """The layout the import recorded decides, not the noun: "Group" is the user's word."""
    with indsigt.init_study(
        tmp_path / "g.db", anonymisation_required=False, respondent_noun="Group"
    ) as project:
        project.import_files(_focus_groups(tmp_path, communities=1))
        based_on, _ = _rendered(project, "en", tmp_path)
    assert based_on == "Based on 2 discussions with 2 groups"


def test_respondents_called_focus_groups_make_discussions(tmp_path: Path) -> None:
    """A focus group's transcript in a plain file has no layout to tell; its noun does."""
    path = tmp_path / "group.txt"
    path.write_text("I: How did the market start?\nR: " + " ".join(GROUP_SAYS) + "\n")
    with indsigt.init_study(
        tmp_path / "g.db", language="da", respondent_noun="Fokusgruppe"
    ) as project:
        project.import_files([path])
        based_on, _ = _report_html(project, "da")
    assert based_on == "Baseret på 1 diskussioner med 1 fokusgrupper"
