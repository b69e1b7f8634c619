"""The command line (anonymise, anonymise train, findings, eval anonymise) on real gold data
read in place from ../shared/data, with a small tagger trained in the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.anonymise.gold import read_gold, read_sentences
from indsigt.cli import main

UNER_TRAIN = ("uner-danish-ddt", "da_ddt-ud-train.iob2")
UNER_DEV = ("uner-danish-ddt", "da_ddt-ud-dev.iob2")


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def run_json(*args: str | Path) -> Any:
    return json.loads(run(*args, "--json"))


@pytest.mark.parametrize(
    ("parts", "format", "label", "minimum"),
    [
        (UNER_DEV, "iob2", "PER", 150),
        (("dane-plank2019", "da_ddt-ud-ner-dev.conll"), "conll", "PER", 150),
        (("danplus-nested-ner", "da_news_dev.tsv"), "conll", "LOCderiv", 50),
        (("norne", "nob", "no_bokmaal-ud-dev.conllu"), "conllu", "GPE_LOC", 200),
        (("swedish-ner-corpus", "train_corpus.txt"), "conll", "PER", 1000),
    ],
)
def test_gold_readers(parts: tuple[str, ...], format: str, label: str, minimum: int) -> None:
    docs = read_gold(shared(*parts), format, sentences_per_document=1)
    spans = [doc.text[a:b] for doc in docs for a, b, lab in doc.spans if lab == label]
    assert len(spans) >= minimum
    assert all(s.strip() == s and s for s in spans)


@pytest.mark.slow  # loads the shipped tagger for one sentence
def test_dab_json(tmp_path: Path) -> None:
    text = "Jeg hedder Mette Holm og bor i Viborg. Ring på 12 34 56 78."
    gold = [
        {
            "data": {"text": text},
            "annotations": [
                {
                    "result": [
                        {"value": {"start": 11, "end": 21, "labels": ["PER"]}},
                        {"value": {"start": 31, "end": 37, "labels": ["LOC"]}},
                    ]
                }
            ],
        }
    ]
    path = tmp_path / "dab.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    report = run_json("eval", "anonymise", "--gold", path, "--format", "dab")
    assert report["per_label"]["PER"]["token_recall"] == 1.0
    assert report["per_label"]["LOC"]["entity_recall"] == 1.0
    assert report["leaked_person_tokens"] == []


def test_eval_rules_on_a_dev_slice() -> None:
    report = run_json(
        "eval", "anonymise", "--gold", shared(*UNER_DEV), "--format", "iob2",
        "--lang", "da", "--sentences", ":200", "--no-tagger",
    )  # fmt: skip
    per = report["per_label"]["PER"]
    for key in ("token_recall", "token_precision", "entity_recall", "entity_precision"):
        assert 0.0 <= per[key] <= 1.0
    assert per["token_recall"] >= 0.7 and per["token_precision"] >= 0.8
    assert isinstance(report["leaked_person_tokens"], list)
    assert "names.v1" in report["components"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deliberately small tagger: 400 training sentences, 3 iterations (seconds on a CPU)."""
    output = tmp_path_factory.mktemp("model") / "tagger"
    report = run_json(
        "anonymise", "train", "--conll", shared(*UNER_TRAIN), "--lang", "da",
        "--output", output, "--engine", "spacy", "--iterations", "3", "--sentences", ":400",
    )  # fmt: skip
    assert report["sentences"] == 400 and (output / "meta.json").exists()
    return output


@pytest.mark.slow  # trains a spaCy tagger (module fixture)
def test_tagger_in_eval(tiny_model: Path) -> None:
    report = run_json(
        "eval", "anonymise", "--gold", shared(*UNER_DEV), "--sentences", ":150",
        "--model", tiny_model,
    )  # fmt: skip
    assert "tagger.v1" in report["detectors"]
    assert report["per_label"]["PER"]["token_recall"] > 0.5


@pytest.mark.slow  # trains a spaCy tagger (module fixture)
def test_anonymise_findings_and_decisions(tmp_path: Path, tiny_model: Path) -> None:
    study = tmp_path / "s.db"
    source = tmp_path / "interview.txt"
    source.write_text(
        "I: Hvem er du?\n\nR: Jeg hedder Karen Lund og arbejder i Odense Kommune med Jens "
        "Hansen. Min mail er karen@odense.dk og mit cpr-nummer er 120378-1143. Vi bruger MitID.\n",
        encoding="utf-8",
    )
    run("init", study)
    run("import", study, source)
    report = run_json("anonymise", study, "--model", tiny_model, "--allow", "Odense Kommune")
    assert report["findings"]["PER"] >= 2 and report["findings"]["CPR"] == 1
    assert "tagger.v1" in report["anonymiser"]
    shown = run("show", study, "interview")
    assert "Karen" not in shown and "Hansen" not in shown and "Odense Kommune" in shown
    assert "Person 1" in shown and "[CPR]" in shown and "[E-MAIL]" in shown
    listed = run_json("findings", study, "--label", "PER")
    assert {row["surface"] for row in listed} >= {"Karen Lund", "Jens Hansen"}
    run("findings", study, "--false-positive", "Jens Hansen")
    run("findings", study, "--missed", "MitID", "--label", "ORG")
    again = run_json("anonymise", study)  # the model and the allow-list are remembered
    assert "tagger.v1" in again["anonymiser"] and again["false_positives"] >= 1
    shown = run("show", study, "interview")
    assert "Jens Hansen" in shown and "MitID" not in shown and "Odense Kommune" in shown
    text = run("anonymise", study)
    assert "anonymised 1 document(s)" in text


def test_train_reads_every_format(tmp_path: Path) -> None:
    sentences = read_sentences(shared("norne", "nno", "no_nynorsk-ud-dev.conllu"))
    assert any("B-PER" in s.tags for s in sentences)
