"""Agreement figures: textbook values, undefined cases, and a brute-force cross-check of
Krippendorff's α from its coincidence matrix."""

from __future__ import annotations

import math
from itertools import product
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from indsigt.web.reliability import (
    Table,
    agreement,
    cohen_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    prevalence,
    table,
    tables_by_code,
)

from .helpers import MACHINE, ids, insert_coding, post

# The classic 2×2 example (Wikipedia, Cohen's kappa): 20 both, 5 only A, 10 only B, 15 neither.
CLASSIC = Table(both=20, only_a=5, only_b=10, neither=15)


def test_classic_table() -> None:
    assert percent_agreement(CLASSIC) == pytest.approx(0.7)
    assert prevalence(CLASSIC) == (pytest.approx(0.5), pytest.approx(0.6))
    assert cohen_kappa(CLASSIC) == pytest.approx(0.4)
    # α = 1 − (n−1)·D/(n₀·n₁) = 1 − 99·15/(45·55)
    assert krippendorff_alpha(CLASSIC) == pytest.approx(1 - 99 * 15 / (45 * 55))
    # AC1: π = 0.55, pₑ = 2·0.55·0.45 = 0.495
    assert gwet_ac1(CLASSIC) == pytest.approx((0.7 - 0.495) / (1 - 0.495))


def test_gwet_paradox_case() -> None:
    """High agreement on a rare code: κ is low, AC1 stays high (Gwet's motivating case)."""
    rare = Table(both=1, only_a=2, only_b=2, neither=95)
    assert percent_agreement(rare) == pytest.approx(0.96)
    assert cohen_kappa(rare) < 0.35 < 0.9 < gwet_ac1(rare)


def test_undefined_figures_are_none() -> None:
    never = Table(neither=10)
    assert percent_agreement(never) == 1.0
    assert cohen_kappa(never) is None and krippendorff_alpha(never) is None
    assert gwet_ac1(never) == 1.0
    always = Table(both=7)
    assert cohen_kappa(always) is None and krippendorff_alpha(always) is None
    empty = Table()
    assert agreement(empty).percent_agreement is None and agreement(empty).gwet_ac1 is None


def test_perfect_and_opposite() -> None:
    perfect = table([True, False, True, False], [True, False, True, False])
    assert cohen_kappa(perfect) == 1.0 and krippendorff_alpha(perfect) == 1.0
    opposite = table([True, False, True, False], [False, True, False, True])
    assert cohen_kappa(opposite) == -1.0
    assert gwet_ac1(opposite) == -1.0


def _alpha_from_coincidences(a: list[bool], b: list[bool]) -> float | None:
    """Krippendorff's α, nominal, computed the long way (coincidence matrix)."""
    values = [0, 1]
    o = {(c, k): 0.0 for c, k in product(values, values)}
    for x, y in zip(a, b, strict=True):
        o[(int(x), int(y))] += 1  # each unit: two ordered pairs, weight 1/(m−1) = 1
        o[(int(y), int(x))] += 1
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())
    d_o = sum(o[(c, k)] for c, k in o if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c, k in o if c != k) / (n * (n - 1))
    return None if d_e == 0 else 1 - d_o / d_e


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=60))
def test_alpha_matches_the_coincidence_matrix(pairs: list[tuple[bool, bool]]) -> None:
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    expected = _alpha_from_coincidences(a, b)
    found = krippendorff_alpha(table(a, b))
    if expected is None:
        assert found is None
    else:
        assert found is not None and math.isclose(found, expected, abs_tol=1e-9)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_figures_are_bounded(pairs: list[tuple[bool, bool]]) -> None:
    t = table([x for x, _ in pairs], [y for _, y in pairs])
    for value in (cohen_kappa(t), gwet_ac1(t), krippendorff_alpha(t)):
        assert value is None or -1.0 - 1e-9 <= value <= 1.0 + 1e-9
    assert t.units == len(pairs)


def test_tables_by_code() -> None:
    tables = tables_by_code([1, 2, 3], [10, 20], {(1, 10), (2, 10)}, {(2, 10), (3, 20)})
    assert tables[10] == Table(both=1, only_a=1, only_b=0, neither=1)
    assert tables[20] == Table(both=0, only_a=0, only_b=1, neither=2)


def test_reliability_page_between_a_person_and_the_machine(
    client: TestClient, study_file: Path
) -> None:
    known = ids(study_file)
    s = known["study"]
    kompetencer, drivere = known["codes"]["udfordringer/kompetencer"], known["codes"]["drivere"]
    a = known["passages"]["kommune_a"]
    insert_coding(study_file, a[3], kompetencer)
    insert_coding(study_file, a[5], kompetencer)
    post(client, f"/studies/{s}/codings", {"passage_ids": [a[3]], "code_id": kompetencer})
    post(client, f"/studies/{s}/codings", {"passage_ids": [a[6]], "code_id": drivere})
    data = client.get(f"/studies/{s}/reliability.json?a={MACHINE}&b=tester").json()
    result = data["result"]
    assert result["unit"] == "passage" and "Unit: passage" in data["unit_note"]
    assert result["documents"] == 1 and result["units"] == len(a)
    per_code = {c["path"]: c for c in result["codes"]}
    assert set(per_code) == {"udfordringer/kompetencer", "drivere"}
    k = per_code["udfordringer/kompetencer"]
    assert (k["both"], k["only_a"], k["only_b"]) == (1, 1, 0)
    assert k["neither"] == len(a) - 2
    # a code only one coder used: no agreement beyond chance (κ = 0), AC1 still high
    assert per_code["drivere"]["cohen_kappa"] == pytest.approx(0.0, abs=1e-12)
    assert per_code["drivere"]["gwet_ac1"] > 0.8
    overall = result["overall"]
    assert overall["decisions"] == 2 * len(a)
    assert overall["both"] == 1 and overall["only_a"] == 1 and overall["only_b"] == 1
    html = client.get(f"/studies/{s}/reliability?a={MACHINE}&b=tester").text
    assert "Cohen's κ" in html and "Krippendorff's α" in html and "Gwet's AC1" in html
    assert "keyword.v1 (machine)" in html


def test_reliability_needs_two_coders(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/reliability.json").json()
    assert data["result"] is None and "two coders" in data["problem"]


def _code_many(study_file: Path, counts: dict[str, int]) -> None:
    """``counts``: coder → how many passages of kommune_a they code with kompetencer."""
    known = ids(study_file)
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    passages = known["passages"]["kommune_a"]
    for coder, count in counts.items():
        for passage in passages[:count]:
            insert_coding(study_file, passage, kompetencer, coder=coder)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # the two busiest coders are machines, but two people have coded: people first
        ({MACHINE: 6, "similarity.v2": 5, "tester": 2, "cora": 1}, ("tester", "cora")),
        # one person: that person and the busiest machine coder
        ({MACHINE: 3, "similarity.v2": 5, "tester": 1}, ("tester", "similarity.v2")),
        # machines only
        ({MACHINE: 3, "similarity.v2": 5}, ("similarity.v2", MACHINE)),
    ],
)
def test_reliability_opens_on_human_coders_first(
    client: TestClient, study_file: Path, counts: dict[str, int], expected: tuple[str, str]
) -> None:
    _code_many(study_file, counts)
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/reliability.json").json()
    assert (data["a"], data["b"]) == expected
    assert data["result"]["a"] == expected[0] and data["result"]["b"] == expected[1]
    # an explicit choice still wins over the default
    chosen = client.get(f"/studies/{s}/reliability.json?a={MACHINE}&b=similarity.v2").json()
    assert (chosen["a"], chosen["b"]) == (MACHINE, "similarity.v2")


def test_reliability_page_explains_how_to_read_the_figures(
    client: TestClient, study_file: Path
) -> None:
    _code_many(study_file, {MACHINE: 4, "tester": 2})
    s = ids(study_file)["study"]
    html = client.get(f"/studies/{s}/reliability").text
    assert 'id="how-to-read"' in html
    for phrase in ("kappa paradox", "prevalence", "AC1", "acceptable", "one more coder"):
        assert phrase in html
    data = client.get(f"/studies/{s}/reliability.json").json()
    expected = {"coders", "a", "b", "unit", "unit_note", "result", "problem"}
    assert expected <= set(data)
    assert {"overall", "codes", "units", "documents"} <= set(data["result"])
