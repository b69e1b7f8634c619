"""The matcher across Danish, Norwegian and Swedish (issue 17): a statement and its hand-made
translation are a match at the model's own threshold — the stem overlap is 0 or low across
languages, but the e5 features carry the pair — and the translation matches its original
better than any other sentence of the scope."""

from __future__ import annotations

import numpy as np
import pytest

from indsigt.analyse.keypoints.matcher import PairMatcher, side
from indsigt.embed import get_embedder

# (Swedish original from the sample study's Swedish leader, translation by hand, language)
PAIRS = (
    (
        "Lagstiftningen är inte gjord för en digital verklighet.",
        "Lovgivningen er ikke lavet til en digital virkelighed.",
        "da",
    ),
    (
        "Vi har en hel kyrkogård av pilotprojekt.",
        "Vi har en hel kirkegård af pilotprojekter.",
        "da",
    ),
    (
        "Tempot i teknikutvecklingen och tempot i lagstiftningen är helt ur fas.",
        "Tempoet i teknologiudviklingen og tempoet i lovgivningen er helt ude af trit.",
        "da",
    ),
    (
        "Vi har ett journalsystem som i grunden är ca. trettio år gammalt.",
        "Vi har et journalsystem som i bunn og grunn er rundt tretti år gammelt.",
        "no",
    ),
    ("Det kräver ett annat ledarskap.", "Det kræver en anden form for ledelse.", "da"),
)
OTHERS = (  # the rest of the scope: the same leader's other sentences
    "Vården har en väldigt stark säkerhetskultur.",
    "Vi får ofta inte dela information mellan oss.",
    "Vi har ett ansträngt ekonomiskt läge.",
    "Digitalisering blir det första man skär i.",
    "Statliga pengar kommer ofta som projektmedel.",
    "Kompetensförsörjningen är den största drivkraften.",
    "Vi har gått från projekt till produktteam.",
    "Transformation händer ute i verksamheten.",
)


@pytest.mark.slow  # e5 on a few sentences
def test_a_translation_matches_its_original_across_languages() -> None:
    originals = [p[0] for p in PAIRS]
    texts = [*(p[1] for p in PAIRS), *OTHERS, *originals]
    languages = [*(p[2] for p in PAIRS), *(["sv"] * (len(OTHERS) + len(originals)))]
    vectors = np.asarray(get_embedder("e5").embed(texts))
    model = PairMatcher.load()
    statements = side(texts, vectors, languages)
    points = side(originals, vectors[-len(originals) :], "sv")
    scores = model.scores(statements, points, head="pairs")
    for i, (original, translation, _) in enumerate(PAIRS):
        assert scores[i, i] >= model.threshold("pairs"), (translation, scores[i, i])
        assert scores[i, i] == scores[i].max(), (translation, original)
        # and no other sentence of the scope takes the original's place
        assert scores[i, i] > np.delete(scores[:, i], [i, len(texts) - len(PAIRS) + i]).max()
