"""Attribution labels for quotes ("— Leder i kommune") and the re-identification check.

The noun is the study's respondent noun (:mod:`indsigt.nouns`; "Leder" in the sample study);
without one, the language's neutral default."""

from __future__ import annotations

from collections import Counter

from indsigt.nouns import RespondentNoun, default_noun

# {noun}: "Leder"; {lower}: "leader" (after an adjective).
LABELS: dict[str, dict[str, str]] = {
    "da": {
        "kommune": "{noun} i kommune",
        "region": "{noun} i region",
        "stat": "{noun} i staten",
        "": "{noun}",
    },
    "en": {
        "kommune": "Municipal {lower}",
        "region": "Regional {lower}",
        "stat": "State {lower}",
        "": "{noun}",
    },
    "no": {
        "kommune": "{noun} i kommune",
        "region": "{noun} i fylke/region",
        "stat": "{noun} i staten",
        "": "{noun}",
    },
    "sv": {
        "kommune": "{noun} i kommun",
        "region": "{noun} i region",
        "stat": "{noun} i staten",
        "": "{noun}",
    },
}


def attribution(
    attributes: dict[str, str],
    *,
    lang: str = "da",
    attribute: str = "level",
    noun: RespondentNoun | None = None,
) -> str:
    """The label for a respondent at the level of ``attribute`` (default: level)."""
    table = LABELS.get(lang, LABELS["en"])
    noun = noun or default_noun(lang if lang in LABELS else "en")
    template = table.get(attributes.get(attribute, ""), table[""])
    return template.format(noun=noun.singular, lower=noun.lower)


def small_groups(labels: dict[int, str], *, k: int = 3) -> dict[str, int]:
    """Labels that cover fewer than ``k`` respondents (respondent id → label given)."""
    counts = Counter(labels.values())
    return {label: n for label, n in counts.items() if n < k}
