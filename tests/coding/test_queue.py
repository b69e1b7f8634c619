"""The coding-review service: the queue (filters, sort, twins merged, interviewer turns never
listed, a seeded random sample), decisions (twins together, the race guard), undo and its
rights, on SQLite (and on PostgreSQL in test_queue_on_postgres)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import indsigt
from indsigt import queries
from indsigt.coding import review as review_module
from indsigt.coding.queue import QueueFilter, decided_items, suggestion_queue
from indsigt.coding.review import (
    BadReviewInput,
    NotAllowed,
    NotSuggested,
    decide,
    list_codings,
    review_codings,
    undo,
)
from indsigt.coding.sampling import draw
from indsigt.store import Store, schema
from indsigt.store.store import now

INTERVIEW_A = """Interviewer: Hvordan går det med den digitale omstilling i kommunen?
Mette: Det går godt. Vi har mange projekter i gang. Men kompetencerne mangler stadig.
Interviewer: Hvad er den største udfordring?
Mette: Rekruttering af it-folk er svært. Ledelsen skal også følge med.
"""
INTERVIEW_B = """Interviewer: Hvad driver forandringen hos jer?
Lars: Borgerne forventer digitale løsninger. Vi mangler dog gode data.
Interviewer: Og kompetencerne?
Lars: Dem bygger vi op internt. Det tager tid.
"""
RESPONDENTS = """respondents:
  - {respondent: K1, document: kommune_a, speaker: Mette, level: kommune}
  - {respondent: S1, document: stat_b, speaker: Lars, level: stat}
"""
CODEBOOK = """name: Test
codes:
  - key: udfordringer
    labels: {da: Udfordringer}
    codes:
      - key: kompetencer
        labels: {da: Kompetencer}
        keywords: {da: [kompetencer]}
  - key: drivere
    labels: {da: Drivere}
    definition: {da: Hvad driver forandringen}
"""
KEYWORD = {"matches": [{"keyword": "kompetencer", "start": 0, "end": 5, "text": "Komp"}]}
SIMILAR = {"nearest": "Hvad driver forandringen", "similarity": 0.7134, "embedder": "e5:abc123"}


def make_study(folder: Path, target: str | Path, *, name: str = "Kø") -> None:
    """Two interviews (an interviewer and a respondent each), respondents with ``level``,
    codes udfordringer, udfordringer/kompetencer and drivere."""
    files = {
        "kommune_a.txt": INTERVIEW_A,
        "stat_b.txt": INTERVIEW_B,
        "respondents.yaml": RESPONDENTS,
        "codebook.yaml": CODEBOOK,
    }
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    with indsigt.init_study(target, name=name, anonymisation_required=False) as made:
        made.import_files(
            [folder / "kommune_a.txt", folder / "stat_b.txt"],
            respondents=folder / "respondents.yaml",
        )
        made.import_codebook(folder / "codebook.yaml")


def known_ids(target: str | Path) -> dict[str, Any]:
    with indsigt.open_study(target) as opened:
        docs = {d.name.removesuffix(".txt"): d for d in opened.documents()}
        with opened.store.connect() as connection:
            codes = dict(connection.execute(sa.select(schema.code.c.path, schema.code.c.id)).all())
        return {
            "study": opened.study.id,
            "codes": codes,
            "passages": {name: [p.id for p in opened.passages(d)] for name, d in docs.items()},
            "texts": {p.id: p.text for p in opened.passages()},
        }


@pytest.fixture
def study(tmp_path: Path) -> Iterator[tuple[Store, dict[str, Any]]]:
    make_study(tmp_path, tmp_path / "study.db")
    store = Store.open(tmp_path / "study.db")
    yield store, known_ids(tmp_path / "study.db")
    store.close()


def add(
    store: Store,
    passage_id: int,
    code_id: int,
    *,
    coder: str = "keyword.v1",
    score: float | None = 0.5,
    evidence: dict[str, Any] | None = None,
    status: str = "suggested",
) -> int:
    with store.begin() as connection:
        return int(
            connection.execute(
                schema.coding.insert()
                .values(
                    passage_id=passage_id,
                    code_id=code_id,
                    coder=coder,
                    score=score,
                    status=status,
                    evidence=evidence if evidence is not None else dict(KEYWORD),
                    created_at=now(),
                )
                .returning(schema.coding.c.id)
            ).scalar_one()
        )


def statuses(store: Store) -> dict[int, tuple[str, str]]:
    with store.connect() as connection:
        rows = connection.execute(sa.select(schema.coding)).all()
    return {row.id: (row.coder, row.status) for row in rows}


def actions(store: Store) -> list[tuple[str, str]]:
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(schema.event.c.action, schema.event.c.entity_id).where(
                schema.event.c.entity == "coding"
            )
        ).all()
    return [(row.action, row.entity_id) for row in rows]


def test_twins_are_one_item_naming_every_coder(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    passage = known["passages"]["kommune_a"][3]
    drivers = known["codes"]["drivere"]
    keyword = add(store, passage, drivers, score=0.75)
    similar = add(store, passage, drivers, coder="similarity.v1", score=0.9, evidence=SIMILAR)
    other = add(store, passage, known["codes"]["udfordringer/kompetencer"])
    found = suggestion_queue(store, known["study"])
    assert found.total == 2
    item = next(i for i in found.items if i.code_id == drivers)
    assert item.id == keyword and item.coders == ["keyword.v1", "similarity.v1"]
    assert item.score == 0.9
    assert [p.coding_id for p in item.proposals] == [keyword, similar]
    words = {p.coder: p.evidence_text for p in item.proposals}
    assert words == {
        "keyword.v1": "keywords: kompetencer",
        "similarity.v1": "similar to the definition, 0.71",
    }
    assert item.text == known["texts"][passage]
    assert item.before == known["texts"][known["passages"]["kommune_a"][2]]
    assert {i.id for i in found.items} == {keyword, other}


def test_interviewer_turns_are_never_listed(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    kommune = known["passages"]["kommune_a"]
    code = known["codes"]["drivere"]
    asked = add(store, kommune[0], code)  # "Interviewer: Hvordan går det …"
    answered = add(store, kommune[1], code)
    found = suggestion_queue(store, known["study"])
    assert [item.id for item in found.items] == [answered] and found.total == 1
    assert asked not in {
        i.id for i in suggestion_queue(store, known["study"], QueueFilter(status=None)).items
    }


def test_filters_sort_and_pages(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    kommune, stat = known["passages"]["kommune_a"], known["passages"]["stat_b"]
    skills, drivers = known["codes"]["udfordringer/kompetencer"], known["codes"]["drivere"]
    a = add(store, kommune[1], skills, score=0.2)
    b = add(store, kommune[3], drivers, score=0.6)
    add(store, kommune[3], drivers, coder="similarity.v1", score=0.95, evidence=SIMILAR)
    c = add(store, stat[1], skills, score=0.5)
    d = add(store, stat[4], drivers, coder="similarity.v1", score=0.4, evidence=SIMILAR)
    s = known["study"]

    def listed(**options: Any) -> list[int]:
        return [item.id for item in suggestion_queue(store, s, QueueFilter(**options)).items]

    assert listed() == [a, b, c, d]  # document order
    assert listed(code="udfordringer") == [a, c]  # the code and the codes beneath it
    assert listed(document="stat_b") == [c, d]
    # a coder filter picks items that coder proposed; the item still names its twins
    assert listed(coder="similarity.v1") == [b, d]
    merged = suggestion_queue(store, s, QueueFilter(coder="similarity.v1")).items[0]
    assert merged.coders == ["keyword.v1", "similarity.v1"]
    assert listed(min_score=0.45, max_score=0.9) == [c]  # b's highest score is 0.95
    assert listed(attribute="level", value="stat") == [c, d]
    assert listed(sort="score") == [b, c, d, a]
    assert listed(sort="code") == [b, d, a, c]
    page = suggestion_queue(store, s, QueueFilter(sort="score"), limit=2, offset=2)
    assert [i.id for i in page.items] == [d, a] and page.total == 4
    decide(store, s, a, "reject", user="anna")
    assert listed() == [b, c, d]
    assert listed(status="rejected") == [a]
    with pytest.raises(BadReviewInput, match="sort"):
        QueueFilter(sort="random")
    with pytest.raises(BadReviewInput, match="status"):
        QueueFilter(status="maybe")


def test_a_random_sample_is_seeded(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    s = known["study"]
    for name in ("kommune_a", "stat_b"):
        for passage in known["passages"][name]:
            for code in known["codes"].values():
                add(store, passage, code)
    everything = suggestion_queue(store, s, limit=1000)

    def drawn(seed: int) -> list[int]:
        page = suggestion_queue(store, s, QueueFilter(sample=5, seed=seed), limit=1000)
        assert page.total == 5
        return [item.id for item in page.items]

    assert drawn(7) == drawn(7)
    assert len({tuple(drawn(seed)) for seed in range(5)}) > 1
    assert set(drawn(3)) <= {item.id for item in everything.items}
    # the one sampler (coding.sampling.draw) over the items in their first coding's order
    assert sorted(drawn(3)) == sorted(
        i.id for i in draw(sorted(everything.items, key=lambda i: i.id), 5, seed=3)
    )
    ids_of_code = suggestion_queue(
        store, s, QueueFilter(code="drivere", sample=1000, seed=1), limit=1000
    )
    assert ids_of_code.total == sum(1 for i in everything.items if i.code_path == "drivere")


def test_accepting_an_item_decides_its_twins(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    passage, code = known["passages"]["stat_b"][1], known["codes"]["drivere"]
    keyword = add(store, passage, code)
    similar = add(store, passage, code, coder="similarity.v1", evidence=SIMILAR)
    result = decide(store, known["study"], similar, "accept", user="anna", via="web")
    assert result["codings"] == [similar, keyword] and result["own_coding_id"]
    after = statuses(store)
    assert after[keyword] == ("keyword.v1", "accepted")
    assert after[similar] == ("similarity.v1", "accepted")
    assert after[result["own_coding_id"]] == ("anna", "accepted")
    assert sorted(actions(store)) == [
        ("coding.accepted", str(keyword)),
        ("coding.accepted", str(similar)),
    ]
    assert suggestion_queue(store, known["study"]).total == 0
    with pytest.raises(NotSuggested, match="not a suggestion"):
        decide(store, known["study"], keyword, "reject", user="anna")


def test_the_cli_may_name_both_twins(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    passage, code = known["passages"]["stat_b"][1], known["codes"]["drivere"]
    keyword = add(store, passage, code)
    similar = add(store, passage, code, coder="similarity.v1", evidence=SIMILAR)
    decided = review_codings(store, known["study"], accept=[keyword, similar], user="anna")
    assert [d.status for d in decided] == ["accepted", "accepted"]
    assert decided[0].own_coding_id == decided[1].own_coding_id


def test_a_stale_read_does_not_overwrite_another_decision(
    study: tuple[Store, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two reviewers: the second read the coding as suggested just before the first one's
    decision committed; its update must change nothing (the ``status == 'suggested'`` guard
    that only the web copy had)."""
    store, known = study
    coding = add(store, known["passages"]["stat_b"][1], known["codes"]["drivere"])
    real = review_module._coding
    stale = {}

    def read_then_lose_the_race(connection: Any, study_id: int, coding_id: int) -> Any:
        row = real(connection, study_id, coding_id)
        stale["row"] = row
        connection.execute(
            schema.coding.update()
            .where(schema.coding.c.id == coding_id)
            .values(status="rejected", evidence={"reviewed_by": "bo"})
        )
        return row

    monkeypatch.setattr(review_module, "_coding", read_then_lose_the_race)
    with pytest.raises(NotSuggested, match="someone decided it"):
        review_codings(store, known["study"], accept=[coding], user="anna")
    assert stale["row"].status == "suggested"
    monkeypatch.undo()
    assert statuses(store)[coding] == ("keyword.v1", "suggested")  # all rolled back
    assert [c for c, _ in statuses(store).values()] == ["keyword.v1"]  # no own coding


def test_undo_by_the_reviewer_or_an_admin(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    s = known["study"]
    passage, code = known["passages"]["stat_b"][1], known["codes"]["drivere"]
    keyword = add(store, passage, code)
    similar = add(store, passage, code, coder="similarity.v1", evidence=SIMILAR)
    other = add(store, known["passages"]["stat_b"][2], code)
    accepted = decide(store, s, keyword, "accept", user="cai")
    decide(store, s, other, "reject", user="cai")
    recent = decided_items(store, s, user="cai")
    assert [item.id for item in recent] == [other, keyword]
    assert recent[1].coders == ["keyword.v1", "similarity.v1"]  # not cai's own coding
    assert recent[1].reviewed_by == "cai" and recent[1].status == "accepted"
    with pytest.raises(NotAllowed, match="only cai or an admin"):
        undo(store, s, similar, user="cora")
    undone = undo(store, s, similar, user="cai")
    assert undone["was"] == "accepted" and sorted(undone["codings"]) == [keyword, similar]
    after = statuses(store)
    assert after[keyword][1] == after[similar][1] == "suggested"
    assert accepted["own_coding_id"] not in after  # the acceptance's own coding is gone
    with store.connect() as connection:
        evidence = connection.scalar(
            sa.select(schema.coding.c.evidence).where(schema.coding.c.id == keyword)
        )
    assert evidence == KEYWORD
    assert ("coding.undone", str(keyword)) in actions(store)
    with pytest.raises(NotSuggested, match="no decision to undo"):
        undo(store, s, keyword, user="cai")
    undo(store, s, other, user="ada", admin=True)  # an admin may undo anyone's decision
    assert statuses(store)[other][1] == "suggested"
    assert decided_items(store, s, user="cai") == []
    assert suggestion_queue(store, s).total == 2


def test_a_persons_own_coding_cannot_be_undone(study: tuple[Store, dict[str, Any]]) -> None:
    store, known = study
    own = add(
        store,
        known["passages"]["stat_b"][1],
        known["codes"]["drivere"],
        coder="anna",
        score=None,
        evidence={"via": "web"},
        status="accepted",
    )
    with pytest.raises(NotSuggested, match="no decision"):
        undo(store, known["study"], own, user="anna")


@pytest.mark.postgres
def test_queue_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    make_study(tmp_path, postgres_url)
    known = known_ids(postgres_url)
    s, drivers = known["study"], known["codes"]["drivere"]
    kommune = known["passages"]["kommune_a"]
    store = Store.open(postgres_url)
    try:
        keyword = add(store, kommune[3], drivers, score=None)
        add(store, kommune[3], drivers, coder="similarity.v1", score=0.6, evidence=SIMILAR)
        asked = add(store, kommune[0], drivers)
        low = add(store, kommune[5], drivers, score=None)
        found = suggestion_queue(store, s, QueueFilter(sort="score"))
        assert [i.id for i in found.items] == [keyword, low] and found.total == 2
        assert found.items[0].coders == ["keyword.v1", "similarity.v1"]
        assert [i.id for i in suggestion_queue(store, s, QueueFilter(min_score=0.1)).items] == [
            keyword
        ]
        assert asked not in [i.id for i in suggestion_queue(store, s).items]
        assert (
            suggestion_queue(store, s, QueueFilter(attribute="level", value="kommune")).total == 2
        )
        decide(store, s, keyword, "accept", user="anna")
        assert [i.id for i in decided_items(store, s, user="anna")] == [keyword]
        undo(store, s, keyword, user="anna")
        assert suggestion_queue(store, s).total == 2
    finally:
        store.close()


def test_a_code_and_beneath_takes_underscore_and_percent_literally(
    study: tuple[Store, dict[str, Any]],
) -> None:
    """``a_b`` and its sub-codes, never ``axb``'s: every "code and beneath" filter (the queue,
    the codings list, the quote and key point seeds) escapes LIKE's wildcards in the path."""
    store, known = study
    s = known["study"]
    ids = {}
    with store.begin() as connection:
        for path in ("a_b", "a_b/c", "axb", "axb/c", "a%/c"):
            ids[path] = connection.execute(
                schema.code.insert()
                .values(
                    study_id=s,
                    path=path,
                    labels={},
                    definition="",
                    include_rule="",
                    exclude_rule="",
                    keywords={},
                    examples={},
                    color="",
                )
                .returning(schema.code.c.id)
            ).scalar_one()
    kommune, stat = known["passages"]["kommune_a"], known["passages"]["stat_b"]
    own = add(store, kommune[1], ids["a_b/c"])
    add(store, stat[1], ids["axb/c"])
    add(store, stat[4], ids["a%/c"])
    assert [item.id for item in suggestion_queue(store, s, QueueFilter(code="a_b")).items] == [own]
    assert [row.id for row in list_codings(store, s, code="a_b")] == [own]
    assert [row.passage_id for row in list_codings(store, s, code="a%")] == [stat[4]]
    assert queries.coded_passage_ids(store, s, code="a_b", statuses=["suggested"]) == {kommune[1]}
    assert queries.coded_passage_ids(store, s, code="a", statuses=["suggested"]) == set()
