"""The in-study curve: trained on k documents of the study, scored on the rest; random order
against the coder's own code-next order."""

from __future__ import annotations

import pytest

from indsigt.errors import IndsigtError
from indsigt.eval.gold import GoldSet, GoldUnit
from indsigt.eval.instudy import in_study_curve

WORDS = {
    "skole": ["skolen", "lærerne", "eleverne", "undervisning"],
    "trafik": ["vejen", "bilerne", "cykelstien", "trafikken"],
}
SETTINGS = {"features": ("word",), "c_grid": (1.0,), "folds": 2, "single_label": False}


def _gold(documents: int = 6) -> GoldSet:
    units = []
    for d in range(documents):
        previous = ""
        for k in range(8):
            code = "skole" if (k + d) % 2 else "trafik"
            word = WORDS[code][(k + d) % 4]
            unit_id = f"d{d}:{k}"
            units.append(
                GoldUnit(
                    unit_id,
                    f"Vi talte om {word} i dokument {d}.",
                    f"d{d}",
                    frozenset({code}),
                    question=f"Hvad med {code}?",
                    previous=previous,
                )
            )
            previous = unit_id
    return GoldSet("synthetic", "unit", units, ["skole", "trafik"])


@pytest.mark.slow  # trains the coder for every k and draw
def test_curve_points_orders_and_gain() -> None:
    gold = _gold()
    curve = in_study_curve(
        gold, settings=SETTINGS, parts=("question", "previous"), ks=(1, 2, 3, 9), draws=2
    )
    assert [p["k"] for p in curve["points"]] == [1, 2, 3]  # 9 ≥ the 6 documents: dropped
    assert curve["documents"] == 6 and curve["draws"] == 2 and curve["metric"] == "micro_f1"
    for point in curve["points"]:
        for order in ("random", "code_next"):
            assert 0.0 <= point[order]["micro_f1"] <= 1.0
    assert curve["points"][-1]["random"]["micro_f1"] > 0.8  # the question gives it away
    for order in curve["code_next_orders"]:
        assert len(order) == 3 and len(set(order)) == 3
    area = curve["area"]
    assert curve["gain"]["kappa"] == pytest.approx(
        area["code_next"]["kappa"] - area["random"]["kappa"], abs=1e-3
    )


def test_too_few_documents() -> None:
    with pytest.raises(IndsigtError, match="too few documents"):
        in_study_curve(_gold(1), settings=SETTINGS, ks=(1, 2))
