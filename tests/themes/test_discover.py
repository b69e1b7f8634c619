"""Theme discovery: finds planted topics, deterministic, every passage assigned, promotable."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa
from sklearn.metrics import normalized_mutual_info_score

import indsigt
from indsigt.codebook import add_code
from indsigt.records import Code
from indsigt.store import schema
from indsigt.themes import discover_themes, promote_theme, study_themes

TOPICS = {
    "data": [
        "Vi deler data mellem forvaltningerne om borgernes sager",
        "Data om borgerne ligger spredt i mange fagsystemer",
        "Datadeling kræver hjemmel og styr på data om borgerne",
        "Vores data om borgerne er ikke gode nok til analyser",
        "Vi bygger en fælles dataplatform for borgernes data",
        "Kvaliteten af data om borgernes forløb er svingende",
    ],
    "penge": [
        "Budgettet til investeringer er alt for lille i år",
        "Vi mangler penge og finansiering til nye investeringer",
        "Økonomien og budgettet styrer alle investeringer",
        "Finansiering af investeringer kræver politisk budget",
        "Der er ingen penge i budgettet til risikable investeringer",
        "Budgetloftet bremser vores investeringer i it",
    ],
    "kompetencer": [
        "Medarbejderne mangler digitale kompetencer og uddannelse",
        "Vi uddanner medarbejderne i nye kompetencer hele tiden",
        "Rekruttering af medarbejdere med it-kompetencer er svært",
        "Kompetenceudvikling af medarbejderne tager lang tid",
        "Vi mangler medarbejdere med kompetencer i kunstig intelligens",
        "Uddannelse og kompetencer hos ledere og medarbejdere",
    ],
}


def _texts() -> tuple[list[str], list[str]]:
    texts, gold = [], []
    for topic, sentences in TOPICS.items():
        texts += sentences
        gold += [topic] * len(sentences)
    return texts, gold


def test_planted_topics_are_found_and_labelled() -> None:
    texts, gold = _texts()
    result = discover_themes(texts, language="da", seed=1)
    assert result.unassigned_share == 0.0
    assert normalized_mutual_info_score(gold, result.assignments) > 0.7
    labels = " ".join(" ".join(theme.terms) for theme in result.themes)
    for word in ("data", "budgettet", "kompetencer"):
        assert word in labels
    assert sum(theme.size for theme in result.themes) == len(texts)


def test_same_seed_same_themes() -> None:
    texts, _ = _texts()
    first = discover_themes(texts, seed=7)
    second = discover_themes(texts, seed=7)
    assert first.assignments == second.assignments
    assert [t.terms for t in first.themes] == [t.terms for t in second.themes]


def test_examples_are_several_peoples_where_the_centre_offers_them() -> None:
    """pdpilot: a theme seven respondents voiced showed three examples of one respondent."""
    texts, _ = _texts()
    plain = discover_themes(texts, language="da", seed=1, k=3)
    # each theme's two most central members said by one person, every other by another
    speakers: list[str] = [""] * len(texts)
    for theme in plain.themes:
        for rank, member in enumerate(theme.representative):
            speakers[member] = "A" if rank < 2 else f"{theme.id}-{rank}"
        for member in set(theme.members) - set(theme.representative):
            speakers[member] = f"{theme.id}-{member}"
    voiced = discover_themes(texts, language="da", seed=1, k=3, speakers=speakers)
    assert voiced.assignments == plain.assignments
    assert [t.label for t in voiced.themes] == [t.label for t in plain.themes]
    for before, after in zip(plain.themes, voiced.themes, strict=True):
        assert before.representative[0] == after.representative[0]  # the most central stays
        assert len({speakers[m] for m in after.representative}) == 3
        assert len({speakers[m] for m in before.representative}) == 2
    # one speaker only: the three most central, as without speakers
    alone = discover_themes(texts, language="da", seed=1, k=3, speakers=["A"] * len(texts))
    assert [t.representative for t in alone.themes] == [t.representative for t in plain.themes]


def test_fixed_k() -> None:
    texts, _ = _texts()
    assert len(discover_themes(texts, k=2).themes) == 2


def _study(tmp_path: Path, *, anonymisation_required: bool = False) -> indsigt.Project:
    texts, _ = _texts()
    lines = ["I: Fortæl om jeres udfordringer?"] + [f"R: {text}." for text in texts]
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = indsigt.init_study(tmp_path / "s.db", anonymisation_required=anonymisation_required)
    project.import_files([tmp_path / "a.txt"])
    return project


def test_study_themes_use_respondent_passages_and_promote(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        result = study_themes(project.store, project.study.id, k=3, seed=1)
        passage_ids = {p.id for p in project.passages()}
        members = [pid for theme in result.themes for pid in theme.members]
        assert len(members) == 18 and set(members) <= passage_ids  # not the question
        theme = result.themes[0]
        code_id = promote_theme(project.store, project.study.id, theme, path="Første")
        with project.store.connect() as connection:
            codings = connection.execute(
                sa.select(schema.coding).where(schema.coding.c.code_id == code_id)
            ).all()
        assert len(codings) == theme.size
        assert {c.status for c in codings} == {"suggested"}
        assert {c.coder for c in codings} == {"themes.v1"}
        with pytest.raises(indsigt.IndsigtError, match="already exists"):
            promote_theme(project.store, project.study.id, theme, path="Første")
        with project.store.connect() as connection:
            code = connection.execute(
                sa.select(schema.code).where(schema.code.c.id == code_id)
            ).one()
        assert code.labels == {"da": theme.label}  # the study's language, not English
        assert code.definition.startswith("Emergent tema: ")


def test_a_promoted_theme_goes_last_among_its_siblings_as_an_added_code_does(
    tmp_path: Path,
) -> None:
    """A promoted theme was stored at position 0, so it sorted among the codes beside it by
    its path; the codebook editor puts a new code last (found by the stop-26 review)."""
    with _study(tmp_path) as project:
        add_code(project.store, project.study.id, Code(id=0, path="Økonomi"))
        add_code(project.store, project.study.id, Code(id=0, path="Ledelse"))
        theme = study_themes(project.store, project.study.id, k=3, seed=1).themes[0]
        promote_theme(project.store, project.study.id, theme, path="Af temaerne")
        paths = [code.path for code in project.codebook().codes]
        assert paths[-3:] == ["Økonomi", "Ledelse", "Af temaerne"]


def test_a_theme_is_never_promoted_outside_the_tree(tmp_path: Path) -> None:
    """ "Temaer/Data" with no code "Temaer" was stored as a root code named by a path (found
    by the browser flows): refused, like the codebook editor refuses it."""
    with _study(tmp_path) as project:
        theme = study_themes(project.store, project.study.id, k=3, seed=1).themes[0]
        with pytest.raises(indsigt.IndsigtError, match="no code 'Temaer'"):
            promote_theme(project.store, project.study.id, theme, path="Temaer/Data")
        with project.store.connect() as connection:
            paths = connection.scalars(sa.select(schema.code.c.path)).all()
        assert "Temaer/Data" not in paths


def test_study_themes_need_anonymisation(tmp_path: Path) -> None:
    with (
        _study(tmp_path, anonymisation_required=True) as project,
        pytest.raises(indsigt.IndsigtError, match="anonymise"),
    ):
        study_themes(project.store, project.study.id)


def test_study_themes_on_e5_vectors_cached_in_the_study(tmp_path: Path) -> None:
    _, gold = _texts()
    with _study(tmp_path) as project:
        result = study_themes(project.store, project.study.id, k=3, seed=1, embedder="e5")
        with project.store.connect() as connection:
            cached = connection.scalar(sa.select(sa.func.count()).select_from(schema.embedding))
        again = study_themes(project.store, project.study.id, k=3, seed=1, embedder="e5")
    assert cached == 18  # every respondent passage, once
    assert again.assignments == result.assignments
    # passages keep the planted topics' order, so the gold lines up with the assignments
    assert normalized_mutual_info_score(gold, result.assignments) > 0.5


def test_k_range_grows_with_the_number_of_passages() -> None:
    from indsigt.themes.components import KMeansClusterer

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(400, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = KMeansClusterer(seed=0).fit_predict(vectors)
    assert 10 <= len(set(labels)) <= 20  # √400 / 2 … √400


def _many(repeat: int) -> tuple[list[str], list[str]]:
    """The planted topics, each sentence with a distinct ending, ``repeat`` times over."""
    texts, gold = [], []
    for number in range(repeat):
        for topic, sentences in TOPICS.items():
            texts += [f"{s} (interview {number})" for s in sentences]
            gold += [topic] * len(sentences)
    return texts, gold


@pytest.mark.slow
def test_umap_reduces_interview_sized_collections() -> None:
    from indsigt.themes.components import SvdReducer, UmapReducer, default_reducer

    assert isinstance(default_reducer(49), SvdReducer)
    assert isinstance(default_reducer(50), UmapReducer)
    assert isinstance(default_reducer(5_001), SvdReducer)
    texts, gold = _many(4)  # 72 texts
    first = discover_themes(texts, language="da", seed=3)
    assert first.components["reducer"] == "umap.v1"
    assert first.unassigned_share == 0.0
    assert normalized_mutual_info_score(gold, first.assignments) > 0.7
    again = discover_themes(texts, language="da", seed=3)
    assert again.assignments == first.assignments
    for theme in first.themes:  # representatives are members, nearest the centre first
        assert set(theme.representative) <= set(theme.members)


def test_representatives_are_members_with_content_before_hedges_nearer_the_centre() -> None:
    # The hedge sits at the theme's centre (as "I think that happens a lot." did on pdpilot);
    # it may stay a member but never speaks for the theme while members with content exist.
    texts = [
        "I think that happens a lot.",
        "We validate every credit model against last year's loan defaults.",
        "Our risk team compares model scores with actual customer defaults monthly.",
        "The bank retrains default models when quarterly loan data arrives.",
        "Auditors check credit scoring models before each regulatory deadline.",
    ]
    vectors = np.array([[0.0, 0.0], [1.0, 0.1], [-1.0, 0.1], [0.1, 1.0], [0.1, -1.0]])
    plain = discover_themes(texts, language="en", k=1, vectors=vectors, min_content=0)
    assert plain.themes[0].representative[0] == 0  # nearest the centre
    result = discover_themes(texts, language="en", k=1, vectors=vectors)
    assert 0 in result.themes[0].members
    assert 0 not in result.themes[0].representative
    assert len(result.themes[0].representative) == 3


@pytest.mark.parametrize("n", [3, 4, 5])
def test_a_handful_of_statements_gets_fewer_themes_than_statements(n: int) -> None:
    """Three statements (a pilot of three leaders, one sentence each) stopped the report: k =
    3 was tried and the silhouette is not defined when every statement is its own theme."""
    from indsigt.themes.components import KMeansClusterer

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = KMeansClusterer().fit_predict(vectors)
    assert len(labels) == n and 2 <= len(set(labels)) < n
