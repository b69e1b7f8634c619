"""Pair features for the matching model: statements × key points of one scope at once.

Both sides come as L2-normalised e5 vectors plus their content-word stems. The features of a
pair (statement i, key point j) are read against the whole scope, as the pairs of one ArgKP
topic and stance share their topic:

- ``cos``: the cosine of the two vectors;
- ``ccos``: the cosine after both are centred on the mean statement vector of the scope (what
  every statement of the scope shares, such as its topic, is taken out);
- ``lex``: the share of the key point's content stems that the statement uses;
- ``cos_z``, ``ccos_z``: the cosines as z-scores among the scope's statements for that key
  point (is this statement closer to the key point than the scope's others?);

and with ``in_set`` (the key point set is a fixed list, as in the shared task's matching, or the
chosen key points when statements are assigned):

- ``cos_rowmax``, ``cos_rowmean``, ``ccos_rowmax``, ``lex_rowmax``: how far the pair's value
  is below the best (mean) key point of that statement.

The stance gate (:func:`centred_product`) reads the pair's centred vectors dimension by
dimension: a weighted centred cosine that tells "women can go to the market alone" from
"women don't go to the market alone", which every similarity above scores alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]

SAME = 0.999
PAIR_FEATURES = ("cos", "ccos", "lex", "cos_z", "ccos_z")
SET_FEATURES = ("cos_rowmax", "cos_rowmean", "ccos_rowmax", "lex_rowmax")
STANCE_FEATURES = ("centred_product",)  # one name for the vector's dimensions


def stems(text: str, language: str) -> frozenset[str]:
    """The content-word stems of ``text`` (Snowball; stop words and fillers left out)."""
    from indsigt.themes.components import stem_words

    return frozenset(stem for stem, _ in stem_words(text, language))


def pair_features(
    statements: NDArray[np.floating],
    points: NDArray[np.floating],
    statement_stems: Sequence[frozenset[str]],
    point_stems: Sequence[frozenset[str]],
    *,
    in_set: bool,
) -> NDArray[np.float64]:
    """The features (see the module docstring) as an array statements × points × features."""
    u = np.asarray(statements, dtype=np.float64)
    v = np.asarray(points, dtype=np.float64)
    cos = u @ v.T
    uc, vc = centred(u, v)
    ccos = uc @ vc.T
    # Identical texts stay a match when the scope's statements all say the same (centring
    # leaves nothing of them then).
    ccos[cos >= SAME] = 1.0
    lex = np.array(
        [[len(s & p) / max(1, len(p)) for p in point_stems] for s in statement_stems],
        dtype=np.float64,
    ).reshape(len(u), len(v))
    found = [cos, ccos, lex, _column_z(cos), _column_z(ccos)]
    if in_set:
        found += [
            cos - cos.max(axis=1, keepdims=True),
            cos - cos.mean(axis=1, keepdims=True),
            ccos - ccos.max(axis=1, keepdims=True),
            lex - lex.max(axis=1, keepdims=True),
        ]
    return np.stack(found, axis=-1)


def centred(
    statements: NDArray[np.floating], points: NDArray[np.floating]
) -> tuple[Matrix, Matrix]:
    """Both sides centred on the mean statement vector of the scope, each row L2-normalised:
    what every statement of the scope shares (its topic) taken out."""
    u = np.asarray(statements, dtype=np.float64)
    v = np.asarray(points, dtype=np.float64)
    centre = u.mean(axis=0) if len(u) else np.zeros(u.shape[1])
    return _unit(u - centre), _unit(v - centre)


def centred_product(
    statements: NDArray[np.floating], points: NDArray[np.floating]
) -> NDArray[np.float64]:
    """Pairs × dimensions: the elementwise product of each pair's centred vectors, the
    features the stance gate is trained on (``pairs`` is every statement × point, row-major).
    At inference the gate's linear score is a bilinear form over :func:`centred` instead."""
    uc, vc = centred(statements, points)
    product: NDArray[np.float64] = (uc[:, None, :] * vc[None, :, :]).reshape(-1, uc.shape[1])
    return product


def _unit(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Matrix = matrix / norms
    return unit


def _column_z(matrix: Matrix) -> Matrix:
    if matrix.shape[0] == 0:
        return matrix
    z: Matrix = (matrix - matrix.mean(axis=0, keepdims=True)) / (
        matrix.std(axis=0, keepdims=True) + 1e-6
    )
    return z
