"""Single-label coding with two classes (scikit-learn gives one decision value then)."""

from __future__ import annotations

from indsigt.coding.learner import Learner

CATS = ["katten sover i sofaen", "katten jager en mus", "en kat og en killing", "katten spiser"]
DOGS = ["hunden gør ad posten", "hunden løber i parken", "en hund og en hvalp", "hunden spiser"]


def test_two_class_single_label_learner_fits_and_tells_the_classes_apart() -> None:
    texts = CATS + DOGS
    labels = [{"kat"}] * len(CATS) + [{"hund"}] * len(DOGS)
    learner = Learner(single_label=True, folds=2).fit(texts, labels)
    found = learner.probabilities(texts)
    assert found.shape == (8, 2)
    assert learner.predict(["katten sover", "hunden gør"]) == [
        frozenset({"kat"}),
        frozenset({"hund"}),
    ]
