"""Attribution labels at each generalisation level and the re-identification check."""

from __future__ import annotations

import pytest

from indsigt import Respondent
from indsigt.anonymise import (
    attribution_label,
    attribution_labels,
    check_quote,
    check_reidentification,
)
from indsigt.nouns import respondent_noun


@pytest.mark.parametrize(
    ("attributes", "level", "language", "label"),
    [
        ({"level": "kommune"}, "level", "da", "Leder i kommune"),
        ({"level": "region"}, "level", "da", "Leder i region"),
        ({"level": "stat"}, "level", "da", "Leder i staten"),
        ({"level": "kommune"}, "level", "en", "Municipal leader"),
        ({"level": "stat"}, "level", "en", "Central government leader"),
        ({"level": "region"}, "level", "sv", "Ledare i region"),
        ({"level": "stat", "organisation_type": "styrelse"}, "organisation_type", "da",
         "Leder i styrelse"),
        ({"level": "region", "country": "NO"}, "country_level", "no", "Leder i fylke, Norge"),
        ({"level": "kommune"}, "leader", "da", "Leder"),
        ({}, "level", "da", "Leder"),
    ],
)  # fmt: skip
def test_labels(attributes: dict[str, str], level: str, language: str, label: str) -> None:
    leader = respondent_noun("Leder", language, study_language="da")
    assert attribution_label(attributes, level=level, language=language, noun=leader) == label


@pytest.mark.parametrize(
    ("attributes", "language", "label"),
    [
        ({"level": "kommune"}, "da", "Deltager i kommune"),
        ({}, "da", "Deltager"),
        ({"level": "region"}, "sv", "Informant i region"),
        ({"level": "kommune"}, "no", "Informant i kommune"),
        ({"level": "kommune"}, "en", "Municipal respondent"),
        ({}, "en", "Respondent"),
    ],
)
def test_labels_default_to_a_neutral_noun(
    attributes: dict[str, str], language: str, label: str
) -> None:
    """Regression (issue 15): every respondent was a leader ("Leder i kommune")."""
    assert attribution_label(attributes, language=language) == label


def respondents() -> list[Respondent]:
    levels = ["kommune"] * 4 + ["region"] * 3 + ["stat"] * 2
    return [
        Respondent(i, f"R{i}", f"Leder {i}", {"level": level, "organisation_type": level})
        for i, level in enumerate(levels, start=1)
    ]


LEADER = respondent_noun("Leder", "da")


def test_small_groups_are_flagged() -> None:
    warnings = check_reidentification(respondents(), level="level", k=3, noun=LEADER)
    assert [(w.kind, w.label, w.count) for w in warnings] == [("small_group", "Leder i staten", 2)]
    assert check_reidentification(respondents(), level="leader", k=3) == []
    assert check_reidentification(respondents(), k=3, respondent_id=1) == []
    assert len(check_reidentification(respondents(), k=3, respondent_id=9)) == 1
    assert set(attribution_labels(respondents(), noun=LEADER).values()) == {
        "Leder i kommune",
        "Leder i region",
        "Leder i staten",
    }


def test_quasi_identifiers_in_a_quote() -> None:
    quote = (
        "I Skive Kommune startede vi projektet Borgernær Velfærd sammen med "
        "Digitaliseringsstyrelsen, og Leder A var glad."
    )
    kinds = {(w.label, quote[w.start : w.end]) for w in check_quote(quote)}
    assert ("MUNICIPALITY", "Skive Kommune") in kinds
    assert ("AGENCY", "Digitaliseringsstyrelsen") in kinds
    assert ("PROJECT", "Borgernær Velfærd") in kinds
    assert not any(label == "PER" for label, _ in kinds)  # pseudonyms are not names
    assert check_quote("Det er en kulturændring, ikke en teknologi.") == []
