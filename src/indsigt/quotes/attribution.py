"""Attribution labels for quotes ("— Leder i kommune") and the re-identification check."""

from __future__ import annotations

from collections import Counter

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "kommune": "Leder i kommune",
        "region": "Leder i region",
        "stat": "Leder i staten",
        "": "Leder",
    },
    "en": {
        "kommune": "Municipal leader",
        "region": "Regional leader",
        "stat": "State leader",
        "": "Leader",
    },
    "no": {
        "kommune": "Leder i kommune",
        "region": "Leder i fylke/region",
        "stat": "Leder i staten",
        "": "Leder",
    },
    "sv": {
        "kommune": "Chef i kommun",
        "region": "Chef i region",
        "stat": "Chef i staten",
        "": "Chef",
    },
}


def attribution(attributes: dict[str, str], *, lang: str = "da", attribute: str = "level") -> str:
    """The label for a respondent at the level of ``attribute`` (default: level)."""
    table = LABELS.get(lang, LABELS["en"])
    return table.get(attributes.get(attribute, ""), table[""])


def small_groups(labels: dict[int, str], *, k: int = 3) -> dict[str, int]:
    """Labels that cover fewer than ``k`` respondents (respondent id → label given)."""
    counts = Counter(labels.values())
    return {label: n for label, n in counts.items() if n < k}
