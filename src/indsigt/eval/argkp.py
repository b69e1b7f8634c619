"""ArgKP (IBM Key Point Analysis shared task 2021) files: ``arguments_SPLIT.csv``,
``key_points_SPLIT.csv`` and ``labels_SPLIT.csv`` in one folder, as in ../shared/data/argkp-2021.

Arguments and key points belong to a (topic, stance) group; labels pair an argument with a key
point of its group (1 = matches, 0 = does not); unlabelled pairs stay out of ``labels``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from indsigt.errors import IndsigtError

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Group:
    topic: str
    stance: int
    arguments: tuple[str, ...]  # argument ids
    key_points: tuple[str, ...]  # key point ids


@dataclass(frozen=True)
class ArgKP:
    split: str
    arguments: dict[str, str]  # id → text
    key_points: dict[str, str]  # id → text
    topics: dict[str, str]  # argument or key point id → topic
    labels: dict[tuple[str, str], int]  # (argument id, key point id) → 0/1
    groups: tuple[Group, ...]


def read_argkp(folder: str | Path, split: str, *, topics: Sequence[str] = ()) -> ArgKP:
    """The split's three files (only the groups of ``topics``, when given)."""
    if split not in SPLITS:
        raise IndsigtError(f"unknown ArgKP split {split!r} (known: {', '.join(SPLITS)})")
    base = Path(folder)
    arguments = _rows(base / f"arguments_{split}.csv", ("arg_id", "argument", "topic", "stance"))
    points = _rows(
        base / f"key_points_{split}.csv", ("key_point_id", "key_point", "topic", "stance")
    )
    labels_rows = _rows(base / f"labels_{split}.csv", ("arg_id", "key_point_id", "label"))
    wanted = set(topics)
    members: dict[tuple[str, int], tuple[list[str], list[str]]] = {}
    texts_a: dict[str, str] = {}
    texts_k: dict[str, str] = {}
    topic_of: dict[str, str] = {}
    for path, rows, key, text, into, slot in (
        (base / f"arguments_{split}.csv", arguments, "arg_id", "argument", texts_a, 0),
        (base / f"key_points_{split}.csv", points, "key_point_id", "key_point", texts_k, 1),
    ):
        for line, row in rows:
            if wanted and row["topic"] not in wanted:
                continue
            try:
                stance = int(row["stance"])
            except ValueError:
                raise IndsigtError(f"{path}, line {line}: stance must be 1 or -1") from None
            into[row[key]] = row[text]
            topic_of[row[key]] = row["topic"]
            members.setdefault((row["topic"], stance), ([], []))[slot].append(row[key])
    labels: dict[tuple[str, str], int] = {}
    for line, row in labels_rows:
        if row["arg_id"] not in texts_a or row["key_point_id"] not in texts_k:
            continue
        if row["label"] not in ("0", "1"):
            raise IndsigtError(f"{base / f'labels_{split}.csv'}, line {line}: label must be 0 or 1")
        labels[(row["arg_id"], row["key_point_id"])] = int(row["label"])
    groups = tuple(
        Group(topic, stance, tuple(args), tuple(kps))
        for (topic, stance), (args, kps) in sorted(members.items())
        if args and kps
    )
    if not groups:
        raise IndsigtError(f"{base}: no ArgKP {split} topics with both arguments and key points")
    return ArgKP(split, texts_a, texts_k, topic_of, labels, groups)


def cached_vectors(
    texts: Sequence[str], cache: Path | None = None
) -> dict[str, NDArray[np.floating]]:
    """The e5 vectors of ``texts``, kept in ``cache`` (an ``.npz`` of texts and vectors) between
    runs of the training script and the benchmarks: ArgKP's 6,758 texts take minutes to embed."""
    found: dict[str, NDArray[np.floating]] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            found = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        from indsigt.embed import get_embedder

        embedder = get_embedder("e5")
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            found.update(zip(batch, embedder.embed(batch), strict=True))
        if cache is not None:
            keys = list(found)
            np.savez(cache, texts=np.array(keys), vectors=np.array([found[k] for k in keys]))
    return found


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise IndsigtError(f"{path}: no such file (an ArgKP folder holds {path.name})")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise IndsigtError(f"{path}: missing column(s) {', '.join(missing)}")
        return [(line, row) for line, row in enumerate(reader, start=2)]
