"""The matching model: how well a key point expresses what a statement says, from 0 to 1.

``Matcher`` is the family's Protocol; ``PairMatcher`` (``kpmatch.v2``) is the shipped one: two
logistic-regression heads over :mod:`~indsigt.analyse.keypoints.features` of frozen
multilingual-e5-small vectors, trained on the ArgKP 2021 training topics
(``scripts/train_keypoint_matcher.py``), thresholds chosen on its dev topics. Weights and the
model card are package data (``data/kpmatch.v2.npz``, ``data/MODEL_CARD.md``); inference is
numpy only. The ``pairs`` head scores any candidate against any statement (no key point set),
the ``set`` head scores statements against a fixed set of key points (the shared task's
matching; assigning statements to the chosen key points) and also reads how the key point
compares with the set's others.

The ``stance`` head gates the ``pairs`` head: a statement it reads as arguing the opposite of
the candidate scores 0 there. ArgKP labels pairs within one (topic, stance) only, so the
similarity heads never saw the other side as a negative and counted "Yes, a young woman can
walk comfortably alone to the market" for "Women usually don't go to the market alone". The
gate is trained on the training topics' true matches against the other stance's arguments
that the ``pairs`` head finds similar (``bench/keypoints_stance.py`` measures it). A study
counts a statement only where both heads match it, so the gate reaches every count, while the
``set`` head's ranking (the shared task's matching) stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar, Literal, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.features import (
    PAIR_FEATURES,
    SAME,
    SET_FEATURES,
    STANCE_FEATURES,
    centred,
    pair_features,
)
from indsigt.errors import IndsigtError

Head = Literal["pairs", "set"]
MODEL_FILE = "kpmatch.v2.npz"


@dataclass(frozen=True)
class Side:
    """Texts with their (L2-normalised) vectors and content stems."""

    texts: tuple[str, ...]
    vectors: NDArray[np.float32]
    stems: tuple[frozenset[str], ...]


@runtime_checkable
class Matcher(Protocol):
    name: ClassVar[str]

    def threshold(self, head: Head) -> float: ...

    def scores(self, statements: Side, points: Side, *, head: Head) -> NDArray[np.float64]: ...


@dataclass(frozen=True)
class LinearHead:
    features: tuple[str, ...]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    coef: NDArray[np.float64]
    intercept: float
    threshold: float
    floor: float | None = None  # the lowest threshold a scope may fall back to (None: threshold)

    def __call__(self, features: NDArray[np.float64]) -> NDArray[np.float64]:
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        scores: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return scores


class PairMatcher:
    name: ClassVar[str] = "kpmatch.v2"

    def __init__(self, heads: dict[str, LinearHead]) -> None:
        self.heads = heads

    @classmethod
    def load(cls, path: str | None = None) -> PairMatcher:
        """The shipped model, or one written by the training script at ``path``."""
        if path is None:
            source = resources.files("indsigt.analyse.keypoints") / "data" / MODEL_FILE
            with resources.as_file(source) as local:
                return cls(read_heads(str(local)))
        return cls(read_heads(path))

    def threshold(self, head: Head) -> float:
        return self.heads[head].threshold

    def floor(self, head: Head) -> float:
        """The lowest threshold a scope with too few key points may fall back to: where the
        labelled pairs of the dev topics still reach the training script's
        ``--floor-precision`` (the model's threshold where none is stored)."""
        found = self.heads[head].floor
        return self.heads[head].threshold if found is None else found

    def scores(self, statements: Side, points: Side, *, head: Head) -> NDArray[np.float64]:
        """Statements × points, each a match probability."""
        if not len(statements.texts) or not len(points.texts):
            return np.zeros((len(statements.texts), len(points.texts)))
        features = pair_features(
            statements.vectors,
            points.vectors,
            statements.stems,
            points.stems,
            in_set=head == "set",
        )
        found = self.heads[head](features)
        if head == "pairs" and "stance" in self.heads:
            found = np.where(self.agrees(statements, points), found, 0.0)
        return found

    def agrees(self, statements: Side, points: Side) -> NDArray[np.bool_]:
        """Statements × points: whether the ``stance`` head lets the pair match (all true
        for a model without one). The head is linear in the pair's centred product, so its
        score is a bilinear form (no statements × points × dimensions array); identical
        texts always agree."""
        gate = self.heads.get("stance")
        if gate is None:
            return np.ones((len(statements.texts), len(points.texts)), dtype=bool)
        u, v = centred(statements.vectors, points.vectors)
        weights = gate.coef / gate.scale
        z = (u * weights) @ v.T - float(gate.mean @ weights) + gate.intercept
        same = statements.vectors.astype(np.float64) @ points.vectors.astype(np.float64).T
        agreed: NDArray[np.bool_] = (1.0 / (1.0 + np.exp(-z)) >= gate.threshold) | (same >= SAME)
        return agreed


HEADS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("pairs", PAIR_FEATURES, True),
    ("set", PAIR_FEATURES + SET_FEATURES, True),
    ("stance", STANCE_FEATURES, False),
)  # name, features, required


def read_heads(path: str) -> dict[str, LinearHead]:
    try:
        with np.load(path, allow_pickle=False) as data:
            heads = {}
            for head, names, required in HEADS:
                if not required and f"{head}_features" not in data:
                    continue
                stored = tuple(str(x) for x in data[f"{head}_features"])
                if stored != names:
                    raise IndsigtError(
                        f"{path}: head {head!r} was trained on features {stored}, "
                        f"this version computes {names}"
                    )
                heads[head] = LinearHead(
                    stored,
                    data[f"{head}_mean"],
                    data[f"{head}_scale"],
                    data[f"{head}_coef"],
                    float(data[f"{head}_intercept"]),
                    float(data[f"{head}_threshold"]),
                    float(data[f"{head}_floor"]) if f"{head}_floor" in data else None,
                )
    except (OSError, KeyError, ValueError) as exc:
        raise IndsigtError(f"{path}: not a key point matching model ({exc})") from exc
    return heads


def write_heads(path: str, heads: dict[str, LinearHead]) -> None:
    arrays: dict[str, NDArray[np.generic]] = {}
    for head, model in heads.items():
        arrays[f"{head}_features"] = np.array(model.features)
        arrays[f"{head}_mean"] = model.mean
        arrays[f"{head}_scale"] = model.scale
        arrays[f"{head}_coef"] = model.coef
        arrays[f"{head}_intercept"] = np.array(model.intercept)
        arrays[f"{head}_threshold"] = np.array(model.threshold)
        if model.floor is not None:
            arrays[f"{head}_floor"] = np.array(model.floor)
    np.savez(path, **arrays)  # type: ignore[arg-type]


def floor(matcher: Matcher, head: Head) -> float:
    """``matcher``'s lower bound for ``head`` (its ``floor`` method where it has one, else its
    threshold: no fallback)."""
    found = getattr(matcher, "floor", None)
    return float(found(head)) if callable(found) else matcher.threshold(head)


def side(
    texts: Sequence[str], vectors: NDArray[np.floating], language: str | Sequence[str]
) -> Side:
    """A :class:`Side` from texts and their vectors; stems in ``language`` (one for all, or
    one per text)."""
    from indsigt.analyse.keypoints.features import stems

    languages = [language] * len(texts) if isinstance(language, str) else list(language)
    return Side(
        tuple(texts),
        np.asarray(vectors, dtype=np.float32),
        tuple(stems(t, lang) for t, lang in zip(texts, languages, strict=True)),
    )


class Pooled:
    """Statements scored by their pieces: a statement's score with a key point is the best
    of its pieces' (its sentences, and the whole statement). The model was trained on
    arguments of a sentence or two; an idea unit of up to 120 words matches a key point
    when one of its sentences (or the whole) does. ``owner[i]`` is the statement of piece i;
    the ``statements`` side given to :meth:`scores` only says how many there are."""

    name: ClassVar[str] = "pooled"

    def __init__(self, matcher: Matcher, pieces: Side, owner: Sequence[int]) -> None:
        self.matcher = matcher
        self.pieces = pieces
        self.owner = np.asarray(owner, dtype=np.int64)

    def threshold(self, head: Head) -> float:
        return self.matcher.threshold(head)

    def floor(self, head: Head) -> float:
        return floor(self.matcher, head)

    def scores(self, statements: Side, points: Side, *, head: Head) -> NDArray[np.float64]:
        pooled = np.zeros((len(statements.texts), len(points.texts)))
        if not len(self.pieces.texts) or not len(points.texts):
            return pooled
        found = self.matcher.scores(self.pieces, points, head=head)
        np.maximum.at(pooled, self.owner, found)
        return pooled
