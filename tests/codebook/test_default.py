"""The bundled default codebook: four themes in Danish and English, each code complete."""

from __future__ import annotations

from indsigt.codebook import default_codebook
from indsigt.codebook.texts import split_languages


def test_top_level_and_themes() -> None:
    codebook = default_codebook()
    top = codebook.children(None)
    assert [(c.labels["da"], c.labels["en"]) for c in top] == [
        ("Muligheder", "Opportunities"),
        ("Udfordringer", "Challenges"),
        ("Drivkræfter", "Drivers"),
        ("Mobilisering", "Mobilisation"),
    ]
    leaves = codebook.leaves()
    assert len(leaves) == 17
    english = " ".join(c.labels["en"].lower() for c in leaves)
    for theme in (
        "changing expectations",
        "ai, automation, welfare technology, data",
        "collaboration across sectors",
        "zero-error culture",
        "risk capital",
        "legislation",
        "business models and disruption",
        "learning networks",
        "learning across parallel initiatives",
        "competences and talent",
        "leadership and strategy",
        "effect measurement",
        "value for society",
        "core tasks",
        "national strategies and reforms",
        "legacy it",
        "data protection and security",
    ):
        assert theme in english, theme


def test_every_theme_is_complete_in_both_languages() -> None:
    for code in default_codebook().leaves():
        for field in (code.definition, code.include, code.exclude):
            assert set(split_languages(field)) == {"da", "en"}, code.path
        assert len(code.keywords) >= 8, code.path
        assert len(code.examples) >= 3, code.path
        assert any("æ" in e or "ø" in e or "å" in e for e in code.examples) or code.examples
