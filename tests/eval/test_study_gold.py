"""A study's own human coding as gold (``indsigt eval coding --format study``): any study, or a
REFI-QDA project, with one or several people's codings (issue 20: the maintainers measure on an
unseen multi-coder interview study; a user measures on their own)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from coding.helpers import add_codings
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.eval.studygold import load_study
from indsigt.sample import interview_files

pytestmark = pytest.mark.slow  # builds and codes part of the sample study


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five sample interviews; "anna" coded the first three with every keyword suggestion,
    "bob" the last three with every second one: the third is coded by both."""
    path = tmp_path_factory.mktemp("gold") / "study.db"
    with indsigt.init_study(path, anonymisation_required=False) as study:
        study.import_files(interview_files()[:5])
        study.import_codebook(default=True)
        study.code(coders=["keyword"])
        ids = {code.path: code.id for code in study.codebook()}
        found = {
            doc.id: [
                (row.passage_id, ids[row.code])
                for row in study.codings(coder="keyword.v1", document=str(doc.id))
            ]
            for doc in study.documents()
        }
        documents = sorted(found)
        people = [("anna", pair) for d in documents[:3] for pair in found[d]]
        people += [("bob", pair) for d in documents[2:] for pair in found[d][::2]]
        add_codings(
            study.store,
            ((passage, code, coder, "accepted") for coder, (passage, code) in people),
        )
    return path


def _passages(path: Path) -> dict[str, int]:
    with indsigt.open_study(path) as study:
        return Counter(str(p.document_id) for p in study.passages())


def test_every_persons_codings_pooled_over_the_documents_they_coded(coded: Path) -> None:
    gold = load_study(coded)
    per_document = _passages(coded)
    assert gold.unit == "passage"
    assert {u.group for u in gold.units} == set(per_document)  # all five were coded
    assert len(gold.units) == sum(per_document.values())  # every passage, coded or not
    assert 0 < sum(1 for u in gold.units if u.labels) < len(gold.units)
    assert all("/" in code for code in gold.codes)  # code paths, with their parents
    assert all(gold.parents[code] == code.split("/")[0] for code in gold.codes)
    questions = [u for u in gold.units if u.question]
    assert questions and any(u.neighbours for u in gold.units)
    first = {u.group: u for u in reversed(gold.units)}
    assert all(u.previous == "" for u in first.values())  # a document's first passage
    # each passage's order in its document (seq): the learner smooths by it (stop 27)
    for group in per_document:
        positions = [u.position for u in gold.units if u.group == group]
        assert positions == sorted(positions) and min(positions) >= 0
    assert "people who coded: anna, bob" in gold.notes[0]
    assert "people agree: anna and bob, Cohen's κ" in gold.notes[1]
    assert "of 1 shared document(s)" in gold.notes[1]


def test_one_persons_codings_only(coded: Path) -> None:
    bob = load_study(coded, gold_coder="bob")
    pooled = load_study(coded)
    assert len({u.group for u in bob.units}) == 3
    by_id = {u.id: u.labels for u in pooled.units}
    assert all(u.labels <= by_id[u.id] for u in bob.units)
    assert sum(len(u.labels) for u in bob.units) < sum(len(u.labels) for u in pooled.units)
    with pytest.raises(IndsigtError, match=r"no coding by 'carl' \(people who coded: anna, bob\)"):
        load_study(coded, gold_coder="carl")


def test_a_study_nobody_coded_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    with indsigt.init_study(path, anonymisation_required=False) as study:
        study.import_files(interview_files()[:1])
    with pytest.raises(IndsigtError, match=r"empty\.db: no person has coded"):
        load_study(path)
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(IndsigtError, match=r"junk\.db"):
        load_study(junk)


def test_a_refi_qda_project_is_read_as_its_study(coded: Path, tmp_path: Path) -> None:
    project = tmp_path / "coded.qdpx"
    result = CliRunner().invoke(main, ["export", str(coded), "--output", str(project)])
    assert result.exit_code == 0, result.output
    gold = load_study(project)
    pooled = load_study(coded)
    assert Counter(c for u in gold.units for c in u.labels) == Counter(
        c for u in pooled.units for c in u.labels
    )
    assert gold.notes[0] == pooled.notes[0]


def test_eval_coding_on_a_study(coded: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "eval", "coding", "--format", "study", "--train", str(coded), "--test",
            str(coded), "--folds", "2", "--gold-coder", "anna", "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"micro_f1", "macro_f1", "kappa", "alpha", "ac1", "baselines"} <= found.keys()
    assert found["kappa"] > 0.1  # keyword-made codes are learnable
    assert any("the codings of anna" in note for note in found["notes"])


def test_gold_coder_needs_a_study() -> None:
    from indsigt.eval.coding import load_gold

    with pytest.raises(IndsigtError, match="--gold-coder chooses one person's codings"):
        load_gold("csv", Path(__file__), gold_coder="anna")
