"""The method says how quotes are attributed: by level where respondents have one, else by
the study's noun alone (a GENNOVATE focus-group study with no levels was told "Quotes are
attributed by level only")."""

from __future__ import annotations

from datetime import datetime

import pytest

from indsigt.records import Study
from indsigt.report.data import DocumentFacts
from indsigt.report.i18n import Words
from indsigt.report.method import StudyFacts, anonymisation_part


def _facts(*, levels: bool) -> StudyFacts:
    done = datetime(2026, 12, 6)
    document = DocumentFacts(1, "Interview 1", "en", done, done, "anonymise.v1[names.v1]", "")
    segments = ["kommune", "region"] if levels else ["(none)"]
    study = Study(1, "s", "en")
    return StudyFacts(study, [document], 4, segments, 10, 100, 0, {"PER": 3}, levels=levels)


@pytest.mark.parametrize(
    ("lang", "levels", "said", "not_said"),
    [
        ("en", True, "Quotes are attributed by level only.", "nothing else"),
        ("en", False, "Quotes are attributed to “Respondent” only", "by level"),
        ("da", True, "Citater tilskrives kun ledelsesniveau.", "uden andre"),
        ("da", False, "Citater tilskrives kun »Deltager«", "niveau"),
    ],
)
def test_the_attribution_sentence_follows_the_respondents_levels(
    lang: str, levels: bool, said: str, not_said: str
) -> None:
    (claim,) = anonymisation_part(_facts(levels=levels), Words(lang)).claims
    assert said in claim.text
    assert not_said not in claim.text


@pytest.mark.parametrize(
    ("speaker", "attribution", "who"),
    [
        ("Leder A", "Leder i kommune", "Leder A, Leder i kommune"),
        ("Respondent A", "Respondent", "Respondent A"),  # GENNOVATE: "Respondent A, Respondent"
        ("Deltager B", "", "Deltager B"),
        ("Focus group A", "Focus group", "Focus group A"),  # a two-word noun (s29 walk)
        ("", "Leder i staten", "Leder i staten"),
    ],
)
def test_an_evidence_line_names_the_attribution_only_where_it_adds_to_the_pseudonym(
    speaker: str, attribution: str, who: str
) -> None:
    from indsigt.report.model import EvidencePassage, Ref

    passage = EvidencePassage(Ref("P1", "p1"), "Interview 1, ¶ 1", speaker, attribution, "…")
    assert passage.who == who


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "3 findings were acted on (PER 3) and 626 speaker labels replaced by pseudonyms.",
        ),
        ("da", "3 fund er behandlet (PER 3), og 626 talernavne foran replikkerne er erstattet"),
    ],
)
def test_speaker_labels_are_counted_apart_from_the_names_found(lang: str, said: str) -> None:
    """Regression (s28 walk): a study of 4 focus groups "found 700 names", 626 of them the
    speaker labels the anonymiser replaced."""
    from dataclasses import replace

    facts = replace(_facts(levels=False), speaker_labels=626)
    (claim,) = anonymisation_part(facts, Words(lang)).claims
    assert said in claim.text
    (none,) = anonymisation_part(_facts(levels=False), Words(lang)).claims
    assert "speaker label" not in none.text and "talernavn" not in none.text


@pytest.mark.parametrize(
    ("lang", "generalised", "kept"),
    [
        (
            "en",
            "the places and organisations it finds are generalised",
            "no place or organisation was generalised: their names stand as they were said",
        ),
        (
            "da",
            "de steder og organisationer, den finder, er gjort generelle",
            "intet sted og ingen organisation er gjort generel",
        ),
    ],
)
def test_places_are_said_to_be_generalised_only_when_one_was(
    lang: str, generalised: str, kept: str
) -> None:
    """Regression (s32 read, A6): a GENNOVATE report's method said places and organisations
    were generalised and printed RDRS, BRAC and World Vision; its findings were PER, PROJECT
    and TITLE only."""
    from dataclasses import replace

    facts = replace(_facts(levels=False), findings={"PER": 323, "PROJECT": 9, "TITLE": 1})
    (claim,) = anonymisation_part(facts, Words(lang)).claims
    assert kept in claim.text and generalised not in claim.text
    facts = replace(facts, findings={"PER": 3, "ORG": 2})
    (claim,) = anonymisation_part(facts, Words(lang)).claims
    assert generalised in claim.text and kept not in claim.text
