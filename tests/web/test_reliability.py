"""The reliability page (the figures themselves: tests/analyse/test_agreement.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .helpers import MACHINE, ids, insert_coding, post


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
