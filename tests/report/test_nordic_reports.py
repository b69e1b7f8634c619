"""Reports in Norwegian and Swedish: the sister studies of Norwegian and Swedish companies got a
Danish frame around their quotes. Every table has the Danish table's keys and placeholders; the
sample study's report reads in the language asked for, with its numbers and attributions."""

from __future__ import annotations

import re

import pytest

import indsigt
from indsigt.report import build_context
from indsigt.report.html import load_theme, render_html
from indsigt.report.i18n import (
    ANSWER_STRINGS,
    DISCUSSION_STRINGS,
    LANGUAGE_NAMES,
    LANGUAGES,
    SEGMENTS,
    STRINGS,
    Words,
    report_language,
)

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.mark.parametrize("lang", ["no", "sv"])
def test_every_table_has_the_danish_keys_and_placeholders(lang: str) -> None:
    for table in (STRINGS, SEGMENTS, LANGUAGE_NAMES, DISCUSSION_STRINGS):
        assert set(table[lang]) == set(table["da"])
    assert set(ANSWER_STRINGS[lang]) <= set(STRINGS["da"])
    for key, text in STRINGS[lang].items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(STRINGS["da"][key])), key
    for key, text in {**ANSWER_STRINGS[lang], **DISCUSSION_STRINGS[lang]}.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(STRINGS["da"][key])), key


def test_the_study_language_chooses_the_report_language() -> None:
    assert LANGUAGES == ("da", "en", "no", "sv")
    assert [report_language(code) for code in ("no", "nb", "nn", "sv", "da", "en", "fi")] == [
        "no", "no", "no", "sv", "da", "en", "da",
    ]  # fmt: skip


def test_numbers_dates_and_the_noun_in_norwegian_and_swedish() -> None:
    from datetime import date

    norwegian, swedish = Words("no"), Words("sv")
    assert (norwegian.integer(31505), norwegian.number(0.5), norwegian.percent(0.87)) == (
        "31\u00a0505", "0,50", "87 %",
    )  # fmt: skip
    assert norwegian.date(date(2026, 12, 7)) == "7. desember 2026"
    assert swedish.date(date(2026, 12, 7)) == "7 december 2026"
    assert norwegian("based_on", interviews=13, leaders=15, levels="") == (
        "Basert på 13 intervjuer med 15 informanter"
    )
    assert swedish("based_on", interviews=13, leaders=15, levels="") == (
        "Baserad på 13 intervjuer med 15 informanter"
    )


@pytest.mark.parametrize(
    ("lang", "says", "attribution", "danish_only"),
    [
        ("no", ("Sammendrag", "Metode", "Hvitbok"), "— Leder i kommune", ("Resumé", "Bilag")),
        ("sv", ("Sammanfattning", "Metod", "Vitbok"), "— Ledare i kommun", ("Resumé", "Metode")),
    ],
)
def test_the_sample_study_reported_in_norwegian_and_swedish(
    sample_project: indsigt.Project,
    lang: str,
    says: tuple[str, ...],
    attribution: str,
    danish_only: tuple[str, ...],
) -> None:
    report = build_context(
        sample_project.store, sample_project.study.id, lang=lang, theme=load_theme(None)
    )
    html = render_html(report)
    assert f'<html lang="{lang}">' in html
    for word in says:
        assert word in html
    assert attribution in html
    frame = re.sub(r"<blockquote.*?</blockquote>", "", html, flags=re.S)  # quotes are Danish
    for word in danish_only:
        assert not re.search(rf"\b{word}\b", frame), word
    assert "coded by people" not in html  # the machine's estimate is said in the language too
