"""Quasi-identifiers (issue 15): job titles at a named place, local projects, dates and
organisations by their form are generalised by type; the protection measure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indsigt.anonymise.base import DATE, ORG, PROJECT, TITLE, TITLE_MUNICIPALITY
from indsigt.anonymise.detectors import default_detectors
from indsigt.anonymise.gold import GoldDoc
from indsigt.anonymise.operators import apply
from indsigt.anonymise.policy import Policy
from indsigt.anonymise.protection import measure_protection
from indsigt.anonymise.pseudonyms import Pseudonyms
from indsigt.anonymise.quasi import ProperNounDetector, QuasiDetector
from indsigt.anonymise.study import plan_document
from indsigt.cli import main


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in QuasiDetector().detect(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeg var kommunaldirektør i Viborg Kommune.", ("kommunaldirektør i Viborg Kommune",
                                                        TITLE_MUNICIPALITY)),
        ("Hun er direktør for Digitaliseringsstyrelsen nu.", ("direktør for "
                                                              "Digitaliseringsstyrelsen", TITLE)),
        ("Han er it-chef hos Novo Nordisk A/S.", ("it-chef hos Novo Nordisk A/S", TITLE)),
        ("Vi startede projektet Borgernær Velfærd sammen.", ("Borgernær Velfærd", PROJECT)),
        ("Det skete den 12. marts 2023 om morgenen.", ("den 12. marts 2023", DATE)),
        ("Mødet var 12/3-2023.", ("12/3-2023", DATE)),
        ("Det var i marts 2021, tror jeg.", ("i marts 2021", DATE)),
        ("Vi købte det af Hafnia Holding sidste år.", ("Hafnia Holding", ORG)),
        ("Han læste ved Aarhus Universitet. Så flyttede han.", ("Aarhus Universitet", ORG)),
        ("Aftalen med TEBA's ledelse holdt.", ("TEBA's", ORG)),
        ("Han spillede i Divisionsforeningen i mange år.", ("Divisionsforeningen", ORG)),
        ("Interview med stadsdirektør, Aarhus Kommune.", ("stadsdirektør, Aarhus Kommune",
                                                          TITLE_MUNICIPALITY)),
        ("Jeg er kommunaldirektør her i Viborg.", ("kommunaldirektør her i Viborg",
                                                   TITLE_MUNICIPALITY)),
        ("Interview – 3. maj. Så.", ("3. maj", DATE)),
    ],
)  # fmt: skip
def test_quasi_identifiers_are_found(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vores direktør sagde nej i 2019.",  # a title alone, a year alone
        "Vi bruger IT og AI i HR, og EU betaler.",  # common acronyms
        "Skolen lukkede. Byrådet besluttede det.",  # a common noun starts a sentence
        "Det er en god bank, og han er leder i en kommune.",
    ],
)
def test_what_identifies_nobody_is_left(text: str) -> None:
    assert found(text) == []


def anonymise(text: str) -> str:
    policy = Policy(language="da")
    plan = plan_document(
        text,
        document_id=1,
        language="da",
        detectors=default_detectors(),
        policy=policy,
        pseudonyms=Pseudonyms(words=policy.person_words, entities={}, stored=[]),
        labels={},
        decisions=[],
    )
    return apply(text, plan.edits)


def test_quasi_identifiers_are_generalised_by_type() -> None:
    """Regression: "kommunaldirektør i Viborg" kept the title, projects and dates stayed."""
    text = (
        "Jeg blev kommunaldirektør i Viborg Kommune den 1. august 2019, og projektet "
        "Borgernær Velfærd kom fra Hafnia Holding."
    )
    assert anonymise(text) == (
        "Jeg blev [stilling i kommune] [dato], og projektet [projekt] kom fra [organisation]."
    )


def test_protection_measure_counts_readable_tokens_and_masked_characters() -> None:
    text = "Mette Holm arbejder hos Hafnia Holding i Danmark og Rudbjerg.\n"
    gold = GoldDoc(
        text,
        tokens=tuple((m, m + len(w)) for m, w in _words(text)),
        spans=((0, 10, "PER"), (24, 38, "ORG"), (41, 48, "LOC"), (52, 60, "LOC")),
    )
    result = measure_protection([gold], default_detectors()).as_dict()
    assert result["per_label"]["ORG"]["protected"] == 1.0
    assert result["allow_listed_tokens"] == 1  # Danmark: kept on purpose
    assert result["quasi_identifier_tokens"] == 4
    assert 0 < result["masked_share"] < 1
    assert result["per_label"]["PER"]["protected"] == 1.0


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\w+", text)]


def test_eval_cli_reports_protection(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    text = "Hun blev kommunaldirektør i Viborg Kommune i marts 2021."
    path.write_text(
        json.dumps([{"text": text, "spans": [{"start": 28, "end": 42, "label": "LOC"}]}]),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["eval", "anonymise", "--gold", str(path), "--protection", "--json"]
    )
    assert result.exit_code == 0, result.output
    protection = json.loads(result.output)["protection"]
    assert protection["quasi_identifiers_protected"] == 1.0
    assert protection["masked_share"] > 0.5


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Han bor i Horslunde og bruger Excel.", "da", ["Horslunde", "Excel"]),
        ("Vi har en AI-model mod DDoS-angreb, osv. Hvis vi vil, Øh, så.", "da", []),
        ("Kan De komme? Jeg spurgte Dem.", "da", []),
        ("Then I met Sarah in London on Monday.", "en", []),  # English: the tagger's job
        # Headlines and numbered items (Danish agenda titles, consultation answers): an item's
        # number, a spaced hyphen or slash starts a part; a word before a number names a plan.
        ("19 Endelig vedtagelse af Lokalplan nr. 512 for Helsinge", "da", ["Helsinge"]),
        ("Anlægsbevilling - Åben sag", "da", []),
        ("Lukket sag - Spørgetid / Orientering", "da", []),
        ("Forslag til Kommuneplan 2010-2021 og Tillæg 14, ikke Budget 2012.", "da", []),
        ("Forslag til Lokalplan SAE.E.05.25.01 ved Brovst", "da", ["Brovst"]),
        ("Vi talte med Mette 2 gange og med Skovgaard 3 gange.", "da", ["Mette", "Skovgaard"]),
        ("Han sagde at Jensen - og Kirkegaard - var enige.", "da", ["Jensen", "Kirkegaard"]),
    ],
)
def test_untyped_proper_nouns(text: str, language: str, expected: list[str]) -> None:
    spans = ProperNounDetector().detect(text, language=language)
    assert [text[s.start : s.end] for s in spans] == expected


def test_acronyms_are_organisations_only_in_nordic_text() -> None:
    assert QuasiDetector().detect("we use PDP and ICE plots at TEBA", language="en") == []
    assert found("Aftalen med TEBA holdt.") == [("TEBA", ORG)]


def test_a_line_in_capitals_has_no_acronyms() -> None:
    """An agenda title in capitals is no row of organisations; an acronym on the next line is."""
    text = "LOKALPLAN NR. 105, ERHVERVSOMRÅDE VED BUDDINGEVEJ\nAftalen med TEBA og KL holdt."
    assert found(text) == [("TEBA", ORG)]


def test_a_kind_of_group_is_no_organisation() -> None:
    """A focus-group transcript's heading ("Focus Group: Activity E") names no one."""
    text = "Focus Group: Activity E. We met the Working Group and Carlsberg Group today."
    spans = QuasiDetector().detect(text, language="en")
    assert [(text[s.start : s.end], s.label) for s in spans] == [("Carlsberg Group", ORG)]


def test_an_organisation_after_a_word_that_opens_the_sentence() -> None:
    """ "Og Danske Bank har …" became "[organisation] har …": the "Og" was lost with the bank."""
    assert found("Vi så det. Og Danske Bank har investeret. Men Nordic Group tøvede.") == [
        ("Danske Bank", ORG),
        ("Nordic Group", ORG),
    ]


def test_a_word_before_a_first_name_at_a_sentence_start_is_no_part_of_a_proper_noun() -> None:
    text = "Selv tak. Hils Mette Frederiksen. Danske Regioner sagde ja."
    spans = ProperNounDetector().detect(text, language="da")
    assert [text[s.start : s.end] for s in spans] == ["Mette Frederiksen", "Danske Regioner"]


def test_the_largest_nordic_companies_are_organisations_not_persons() -> None:
    """A leader names their company, its competitors and partners; "Ericsson" was "Person 1"
    (a surname by its ending), "Novo Nordisk" a person too. A person who shares a company's
    name is still a person."""
    text = (
        "Jeg kom fra Novo Nordisk og var før det hos Ericsson. Vi konkurrerer med Vestas, "
        "Equinor og H&M. Min kollega Anne Mærsk er enig."
    )
    assert anonymise(text) == (
        "Jeg kom fra [organisation] og var før det hos [organisation]. Vi konkurrerer med "
        "[organisation], [organisation] og [organisation]. Min kollega Person 1 er enig."
    )


def test_a_title_at_an_allowed_place_is_kept() -> None:
    policy = Policy(language="da", allow=Policy().allow | {"Viborg Kommune"})
    assert policy.action(TITLE_MUNICIPALITY, "kommunaldirektør i Viborg Kommune") == "keep"
    assert policy.action(TITLE, "minister i Danmark") == "keep"
    assert policy.action(TITLE, "direktør for Digitaliseringsstyrelsen") == "generalise"


def test_names_are_masked_everywhere_or_nowhere() -> None:
    """A proper noun found mid-sentence is masked at a sentence start too; a capitalised word
    that starts a sentence joins the name after it; a person after a comma is no workplace."""
    text = "MedCom virker. Vi bruger MedCom. Godt. Danske Regioner, Sundhed. Ministeren, Camilla."
    names = [text[s.start : s.end] for s in ProperNounDetector().detect(text)]
    assert names.count("MedCom") == 2 and "Danske Regioner" in names
    assert not [s for s in QuasiDetector().detect(text) if s.label == TITLE]
    quoted = 'We call it "Jobkompas", and Jobkompas works.'
    assert [quoted[s.start : s.end] for s in QuasiDetector().detect(quoted, language="en")] == [
        "Jobkompas",
        "Jobkompas",
    ]
    assert Policy().action(TITLE, "vicedirektør, Udbetaling Danmark") == "generalise"
