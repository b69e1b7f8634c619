"""Evidence in words: what each coder stores, said in one line, never a dict or a model id."""

from __future__ import annotations

import pytest

from indsigt.coding.evidence import evidence_in_words
from indsigt.records import Code

DRIVERS = Code(
    id=1,
    path="drivere",
    labels={"da": "Drivere", "en": "Drivers"},
    definition="da: Hvad driver forandringen\nen: What drives the change",
    examples=("Borgerne forventer digitale løsninger.",),
)


@pytest.mark.parametrize(
    ("evidence", "score", "expected"),
    [
        (
            {
                "matches": [
                    {"keyword": "rekrutter*", "start": 3, "end": 13, "text": "Rekrutteri"},
                    {"keyword": "kompetencer", "start": 40, "end": 51, "text": "kompetencer"},
                    {"keyword": "rekrutter*", "start": 60, "end": 70, "text": "rekruttere"},
                ]
            },
            0.75,
            "keywords: rekrutter*, kompetencer",
        ),
        (
            {
                "matches": [{"keyword": "data", "start": 0, "end": 4, "text": "data"}],
                "negated": [{"keyword": "robot*", "start": 9, "end": 15, "text": "robotter"}],
            },
            0.5,
            "keywords: data (negated: robot*)",
        ),
        ({"keywords": ["kompetencer"]}, 0.8, "keywords: kompetencer"),
        (
            {
                "nearest": "Hvad driver forandringen",
                "similarity": 0.7134,
                "z": 2.3,
                "embedder": "e5-small:9f8e7d6c",
            },
            0.66,
            "similar to the definition, 0.71",
        ),
        (
            {"nearest": "Drivers", "similarity": 0.52, "z": 2.1, "embedder": "tfidf:abc"},
            0.6,
            "similar to the code's label, 0.52",
        ),
        (
            {
                "nearest": "Borgerne forventer digitale løsninger.",
                "similarity": 0.8,
                "z": 3,
                "embedder": "x",
            },
            0.9,
            "similar to an example, 0.80",
        ),
        (
            {"threshold": 0.41, "trained_on": 40, "positives": 12, "terms": ["rekruttering"]},
            0.834,
            "learnt from 12 accepted codings, 0.83; words: rekruttering",
        ),
        (
            {
                "quote": "kompetencerne mangler",
                "start": 1,
                "end": 22,
                "model": "qwen",
                "prompt": "code.v1",
            },
            0.9,
            'language model quotes "kompetencerne mangler", confidence 0.90',
        ),
        (
            {"members": {"keyword.v1": 0.75, "similarity.v1": 0.6}, "threshold": 0.5},
            0.7,
            "combined from keyword.v1 0.75, similarity.v1 0.60",
        ),
        ({"via": "web", "reviewed_by": "anna", "reviewed_at": "2026-01-01"}, None, ""),
        ({}, None, ""),
        (
            {"reason": "matches the rule", "nested": {"a": 1}, "embedder": "h"},
            None,
            "reason: matches the rule",
        ),
    ],
)
def test_evidence_in_words(evidence: dict, score: float | None, expected: str) -> None:
    words = evidence_in_words(evidence, score=score, code=DRIVERS)
    assert words == expected
    assert "{" not in words and "embedder" not in words


def test_without_the_code_a_similarity_names_the_description() -> None:
    evidence = {"nearest": "Hvad driver forandringen", "similarity": 0.7, "embedder": "e5"}
    assert evidence_in_words(evidence) == "similar to the code's description, 0.70"
