"""The e5 tagger shipped in the package: the default of `indsigt anonymise`, `indsigt batch`
and `indsigt eval anonymise`; its model card; its training reproduced on a slice."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SHARED_DATA, shared
from indsigt.anonymise.base import PER
from indsigt.anonymise.detectors import load_tagger
from indsigt.anonymise.e5tagger import META, E5Tagger, default_model
from indsigt.anonymise.shipped import (
    DATASETS,
    DEPTH,
    LAYERS,
    PROBES,
    WINDOWS,
    fingerprint,
    train_shipped,
)
from indsigt.cli import main


def run(*args: Any) -> Any:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def test_the_shipped_tagger_is_the_default() -> None:
    tagger = load_tagger(None)
    assert isinstance(tagger, E5Tagger)
    assert Path(tagger.model) == default_model()
    assert load_tagger("none") is None


def test_the_shipped_tagger_is_named_by_its_model_not_one_language() -> None:
    """The method section of an English study named it "e5-tagger-da" (issue 15)."""
    tagger = load_tagger(None)
    assert isinstance(tagger, E5Tagger)
    assert tagger.label == "e5-nordic"


def test_model_card_names_the_data_licences_and_command() -> None:
    folder = default_model()
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    assert [d["path"] for d in meta["datasets"]] == [d.path for d in DATASETS]
    assert all("train" in d["path"] for d in meta["datasets"])  # never dev or test
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    for needed in ("CC BY-SA 4.0", "ShareAlike", "scripts/train_tagger.py", "Mayhew"):
        assert needed in card
    assert sum(f.stat().st_size for f in folder.iterdir()) < 100_000  # small enough to ship


def test_the_shipped_tagger_finds_names_and_leaves_speech_alone() -> None:
    tagger = load_tagger(None)
    assert tagger is not None
    text = (
        "Bagefter ringede jeg til Ingeborg Thorsager fra forvaltningen.\n"
        "Oyelaran sagde, at projektet var forsinket.\n"
        "Yeah. I'm gonna focus on data science. Okay. Thank you.\n"
        "Øh, jamen altså. Nå. Ja, precis. Ok."
    )
    found = [text[s.start : s.end] for s in tagger.detect(text) if s.label == PER]
    assert "Ingeborg Thorsager" in found and "Oyelaran" in found
    assert not {"Yeah", "I'm", "Okay", "Thank", "Øh", "Jamen", "Nå", "Ja", "Ok"} & set(found)


def test_the_tagger_pickles_without_its_runtime() -> None:
    """`indsigt batch` sends the detectors to Dask workers, which build their own encoder."""
    tagger = load_tagger(None)
    assert isinstance(tagger, E5Tagger)
    tagger.detect("Karen Lund kom.")
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy._encoder is None
    assert [s.label for s in copy.detect("Karen Lund kom.")] == [PER]


def test_cli_default_no_tagger_and_model(tmp_path: Path) -> None:
    study = tmp_path / "s.db"
    source = tmp_path / "interview.txt"
    source.write_text(
        "I: Hvem har drevet forandringen?\n\nR: Vi fik hjælp af Oyelaran fra IT-afdelingen.\n"
        # A lone unknown word needs P(PER) >= 0.2 (lone_threshold): "af Oyelaran fra" alone
        # is 0.11 (masked as [navn]); "Oyelaran sagde" is a person, and so every Oyelaran.
        "Oyelaran sagde, at det ville tage tid.\n",
        encoding="utf-8",
    )
    for args in (["init", study], ["import", study, source]):
        assert run(*args).exit_code == 0
    report = json.loads(run("anonymise", study, "--no-tagger", "--json").output)
    assert "e5tagger.v1" not in report["anonymiser"]
    # without the tagger the name is no person: only the catch-all for other proper nouns
    # (propernoun.v1) masks it
    shown = run("show", study, "interview").output
    assert "[navn]" in shown and "Person 1" not in shown
    refused = run("anonymise", study, "--no-tagger", "--model", default_model())
    assert refused.exit_code == 2 and "exclude each other" in refused.output
    # --no-tagger was remembered; --model names the shipped one again
    report = json.loads(run("anonymise", study, "--model", default_model(), "--json").output)
    assert "e5tagger.v1" in report["anonymiser"]
    shown = run("show", study, "interview").output
    assert "Oyelaran" not in shown and "Person 1" in shown


def test_a_new_study_uses_the_shipped_tagger(tmp_path: Path) -> None:
    study = tmp_path / "s.db"
    source = tmp_path / "interview.txt"
    source.write_text(
        "R: Ingeborg Thorsager og Oyelaran fra IT-afdelingen hjalp os.\n", encoding="utf-8"
    )
    for args in (["init", study], ["import", study, source]):
        assert run(*args).exit_code == 0
    report = json.loads(run("anonymise", study, "--json").output)
    assert "e5tagger.v1" in report["anonymiser"]
    shown = run("show", study, "interview").output
    assert "Thorsager" not in shown and "Oyelaran" not in shown


@pytest.mark.slow
def test_training_on_a_slice_reproduces_the_shipped_fingerprint(tmp_path: Path) -> None:
    """`scripts/train_tagger.py` stored the head it trains on the first sentences of each
    dataset (meta ``reproduce``); retraining that slice here must give the same P(PER) on the
    probe sentences within 0.02 and the same coefficient norms within 1 % (onnxruntime's
    kernels differ a little between CPUs)."""
    shared(DATASETS[0].path)
    meta = json.loads((default_model() / META).read_text(encoding="utf-8"))
    stored = meta["reproduce"]
    assert (meta.get("windows", "context"), meta["layers"], meta["depth"]) == (
        WINDOWS,
        list(LAYERS),
        DEPTH,
    )  # the script's defaults are the shipped head's
    train_shipped(SHARED_DATA, tmp_path, sentences=stored["sentences"], probe=False)
    found = fingerprint(tmp_path)
    assert len(found["per_probabilities"]) == len(PROBES)
    for ours, theirs in zip(found["per_probabilities"], stored["per_probabilities"], strict=True):
        assert ours == pytest.approx(theirs, abs=0.02)
    for label, norm in stored["coef_norms"].items():
        assert found["coef_norms"][label] == pytest.approx(norm, rel=0.01)


def test_a_text_is_tagged_the_same_alone_or_with_others() -> None:
    """`indsigt batch` tags a partition's answers together (prefetch); `indsigt anonymise`
    one document at a time: windows never mix texts, so both give the same spans."""
    tagger = load_tagger(None)
    assert isinstance(tagger, E5Tagger)
    texts = [
        "Jeg talte med Anne Kjær om det, og Kjær var enig.",
        "Det var Søren Baks forslag fra starten. Ring til Oyelaran.",
        "Nej.",
        "I Aarhus Kommune har vi set det samme, siger Lars Holm.",
    ]
    together = tagger.detect_many(texts)
    assert together == [tagger.detect(text) for text in texts]
    tagger.prefetch(texts)
    assert [tagger.detect(text) for text in texts] == together
    assert tagger._ready == {}
