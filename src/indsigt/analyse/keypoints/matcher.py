"""The matching model: how well a key point expresses what a statement says, from 0 to 1.

``Matcher`` is the family's Protocol; ``PairMatcher`` (``kpmatch.v1``) is the shipped one: two
logistic-regression heads over :mod:`~indsigt.analyse.keypoints.features` of frozen
multilingual-e5-small vectors, trained on the ArgKP 2021 training topics
(``scripts/train_keypoint_matcher.py``), thresholds chosen on its dev topics. Weights and the
model card are package data (``data/kpmatch.v1.npz``, ``data/MODEL_CARD.md``); inference is
numpy only. The ``pairs`` head scores any candidate against any statement (no key point set),
the ``set`` head scores statements against a fixed set of key points (the shared task's
matching; assigning statements to the chosen key points) and also reads how the key point
compares with the set's others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar, Literal, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.features import PAIR_FEATURES, SET_FEATURES, pair_features
from indsigt.errors import IndsigtError

Head = Literal["pairs", "set"]
MODEL_FILE = "kpmatch.v1.npz"


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
    name: ClassVar[str] = "kpmatch.v1"

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
        return self.heads[head](features)


def read_heads(path: str) -> dict[str, LinearHead]:
    try:
        with np.load(path, allow_pickle=False) as data:
            heads = {}
            for head, names in (("pairs", PAIR_FEATURES), ("set", PAIR_FEATURES + SET_FEATURES)):
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
