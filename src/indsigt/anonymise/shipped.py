"""The e5 tagger shipped in the package (``models/e5-nordic``): what trains it and how.

``scripts/train_tagger.py`` calls :func:`train_shipped` on the public NER data in
../shared/data (train splits only; the last 1,000 sentences of swedish-ner-corpus are held
out as its dev set) and writes the head, its meta (with the datasets, their licences and a
reproduction fingerprint) beside ``MODEL_CARD.md``. The fingerprint is the head trained the
same way on the first ``PROBE_SENTENCES`` sentences of each dataset, read at ``PROBES``: a
test retrains that slice and compares (:func:`fingerprint`)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.anonymise.e5tagger import (
    CONTEXT,
    META,
    E5Tagger,
    shared_encoder,
    train_e5_tagger,
)
from indsigt.anonymise.tagger import TrainingFile
from indsigt.errors import IndsigtError
from indsigt.progress import Progress

LAYERS = (4, 8)
DEPTH = 12
WINDOWS = CONTEXT  # how the head reads a text's candidate sentences (e5tagger.WINDOW_MODES)
C = 0.03
THRESHOLD = 0.1
SINGLE_THRESHOLD = 0.5  # a lone person word at a sentence or turn start (chosen on dev)
# A lone person word that is not a known first name, and a sentence-initial word that is no
# first name even beside a person word, need this much P(PER) (chosen on dev).
LONE_THRESHOLD = 0.2
AUGMENT = 1
PROBE_SENTENCES = 150
PROBES = (
    "Jeg talte med Ingeborg Thorsager fra forvaltningen i går.",
    "Oyelaran sagde, at projektet var forsinket.",
    "Vi mødtes i Aarhus hos Region Midtjylland.",
    "Statsminister Mette Frederiksen besøgte Viborg Kommune.",
    "Kari Nordmann jobber i Oslo kommune.",
    "Anna Svensson från Skåne talade med Per.",
    "Thank you, Daniel, and good luck with PDPilot.",
)


@dataclass(frozen=True)
class Dataset:
    name: str
    path: str  # inside ../shared/data
    format: str
    licence: str
    attribution: str
    sentences: tuple[int | None, int | None] | None = None


DATASETS = (
    Dataset(
        "uner-danish-ddt (train)",
        "uner-danish-ddt/da_ddt-ud-train.iob2",
        "iob2",
        "CC BY-SA 4.0",
        "Universal NER, UNER_Danish-DDT (Mayhew et al., NAACL 2024), from UD Danish-DDT and "
        "DaN+ (Plank et al., COLING 2020)",
    ),
    Dataset(
        "uner-swedish-talbanken (train)",
        "uner-swedish-talbanken/sv_talbanken-ud-train.iob2",
        "iob2",
        "CC BY-SA 4.0",
        "Universal NER, UNER_Swedish-Talbanken (Mayhew et al., NAACL 2024), from UD "
        "Swedish-Talbanken",
    ),
)


def sources(data: str | Path, *, sentences: int | None = None) -> list[TrainingFile]:
    root = Path(data)
    files = []
    for dataset in DATASETS:
        path = root / dataset.path
        if not path.is_file():
            raise IndsigtError(f"{path}: training data missing (see {dataset.name})")
        start, end = dataset.sentences or (None, None)
        if sentences is not None:
            end = (start or 0) + sentences if end is None else min(end, (start or 0) + sentences)
        files.append(TrainingFile(path, dataset.format, slice(start, end)))
    return files


def train_shipped(
    data: str | Path,
    output: str | Path,
    *,
    sentences: int | None = None,
    probe: bool = True,
    windows: str = WINDOWS,
    layers: Sequence[int] = LAYERS,
    depth: int = DEPTH,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train the shipped tagger from ``data`` (../shared/data) into ``output``; with
    ``sentences``, only the first that many of each dataset; ``windows``, ``layers`` and
    ``depth`` as in :func:`train_e5_tagger` (the shipped head's by default). Returns the meta
    written."""
    encoder = shared_encoder(tuple(layers), depth)
    report = train_e5_tagger(
        sources(data, sentences=sentences),
        language="da",
        output=output,
        c=C,
        threshold=THRESHOLD,
        single_threshold=SINGLE_THRESHOLD,
        lone_threshold=LONE_THRESHOLD,
        augment=AUGMENT,
        windows=windows,
        encoder=encoder,
        progress=progress,
    )
    meta_path = Path(output) / META
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["files"] = [d.path for d in DATASETS]
    meta["datasets"] = [asdict(d) for d in DATASETS]
    meta["emit"] = ["PER"]  # persons only by default (see MODEL_CARD.md)
    meta["contrary"] = True  # its place and organisation labels speak against a person
    meta["licence"] = "CC BY-SA 4.0 (share-alike of the training data; see MODEL_CARD.md)"
    meta["seconds"] = report.seconds
    if probe:
        with tempfile.TemporaryDirectory() as folder:
            train_shipped(
                data,
                folder,
                sentences=PROBE_SENTENCES,
                probe=False,
                windows=windows,
                layers=layers,
                depth=depth,
            )
            meta["reproduce"] = {"sentences": PROBE_SENTENCES, **fingerprint(folder)}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return meta


def fingerprint(model: str | Path) -> dict[str, Any]:
    """P(PER) of every word of ``PROBES`` and the norm of each label's coefficients."""
    tagger = E5Tagger(model, candidates=False)
    head = tagger.head
    rows = []
    for text in PROBES:
        words = [w for w in text.replace(",", " ,").replace(".", " .").split()]
        p = head.probabilities(tagger.encoder.features([words])[0])
        rows.append([round(float(v), 4) for v in p[:, head.labels.index("PER")]])
    norms = {
        label: round(float(np.linalg.norm(head.coef[i])), 4) for i, label in enumerate(head.labels)
    }
    return {"per_probabilities": rows, "coef_norms": norms}
