"""The supervised coder's context: question, neighbours and previous codes as features, the
machine's own codes for an uncoded previous unit, parent/child consistency."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.coding.context import Unit, check_parts, decide_in_order
from indsigt.coding.features import Features
from indsigt.coding.learner import Learner, with_parents
from indsigt.coding.training import passage_units


def _units() -> tuple[list[Unit], list[frozenset[str]], list[str]]:
    """The same answer ("ja, det gør vi") coded by the question it answers."""
    units, labels, groups = [], [], []
    for k in range(24):
        asked = k % 2 == 0
        question = "Bruger I kunstig intelligens?" if asked else "Har I et budget til it?"
        units.append(Unit(f"Ja, det gør vi {k}.", question=question))
        labels.append(frozenset({"Muligheder/AI"} if asked else {"Udfordringer/Økonomi"}))
        groups.append(str(k % 6))
    return units, labels, groups


def test_the_question_decides_when_the_text_cannot() -> None:
    units, labels, groups = _units()
    with_question = Learner(context=("question",), c_grid=(1.0,), folds=3).fit(
        units, labels, groups=groups
    )
    found = with_question.predict(
        [Unit("Ja, det gør vi.", question="Bruger I kunstig intelligens?")]
    )
    assert "Muligheder/AI" in found[0] and "Udfordringer/Økonomi" not in found[0]
    assert "Muligheder" not in found[0]  # no parent learnt: nothing added
    text_only = Learner(c_grid=(1.0,), folds=3).fit(units, labels, groups=groups)
    scores = text_only.probabilities(["Ja, det gør vi."])[0]
    assert abs(scores[0] - scores[1]) < 0.3  # the words alone say nothing


def test_features_blocks() -> None:
    units = [
        Unit(
            "alfa beta",
            question="q1 spørgsmål",
            neighbours="før efter",
            previous_codes=frozenset({"x"}),
        ),
        Unit("gamma delta", question="q2 andet", neighbours="", previous_codes=frozenset()),
    ]
    plain = Features(kinds=("word",)).fit(units).transform(units)
    full = Features(kinds=("word",), context=("question", "neighbours", "previous")).fit(units)
    matrix = full.transform(units)
    assert matrix.shape[0] == 2 and matrix.shape[1] > plain.shape[1]
    assert matrix[0, -1] > 0 and matrix[1, -1] == 0  # the previous code "x"
    with pytest.raises(ValueError, match="unknown context parts"):
        check_parts(["speaker"])


def test_decide_in_order_uses_the_machines_own_previous_codes() -> None:
    seen: list[list[frozenset[str]]] = []

    def predict(units: list[Unit]) -> list[frozenset[str]]:
        seen.append([u.previous_codes for u in units])
        return [frozenset({u.text}) for u in units]

    units = [Unit("a"), Unit("b"), Unit("c", previous_codes=frozenset({"human"}))]
    found = decide_in_order(predict, units, [None, 0, None], rounds=1)
    assert found == [frozenset({"a"}), frozenset({"b"}), frozenset({"c"})]
    assert seen[-1] == [frozenset(), frozenset({"a"}), frozenset({"human"})]


def test_with_parents() -> None:
    known = ["A", "A/b", "C/d"]
    assert with_parents(["A/b"], known) == {"A", "A/b"}
    assert with_parents(["C/d"], known) == {"C/d"}  # C is not a learnt label


def test_passage_units_from_a_study(tmp_path: Path) -> None:
    lines = [
        "I: Hvad driver jeres arbejde?",
        "R: Borgerne forventer digitale løsninger. Vi har robotter.",
        "I: Og udfordringerne?",
        "R: Fagsystemerne kan ikke tale sammen.",
    ]
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as study:
        study.import_files([tmp_path / "a.txt"], unit="sentence", language="da")
        passages = study.passages()
        robots = next(p for p in passages if "robotter" in p.text)
        citizens = next(p for p in passages if p.text.startswith("Borgerne"))
        systems = next(p for p in passages if p.text.startswith("Fagsystemerne"))
        units, previous = passage_units(
            study.store, study.study.id, passages, {citizens.id: frozenset({"Muligheder"})}
        )
        unit = {p.id: u for p, u in zip(passages, units, strict=True)}
        assert unit[robots.id].question == "Hvad driver jeres arbejde?"
        assert unit[systems.id].question == "Og udfordringerne?"
        assert "Borgerne forventer" in unit[robots.id].neighbours
        assert unit[robots.id].previous_codes == {"Muligheder"}
        k = passages.index(systems)
        assert previous[k] is not None and passages[previous[k]].text == "Og udfordringerne?"
