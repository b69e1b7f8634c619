"""Coding a selection in the document view (issue 21, item 4): a selection codes exactly its
span (offsets into the document text), a selection over several sentences is one coding, bad
offsets get a clear 4xx, and the document page highlights the span with one chip naming the
coder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import indsigt
from indsigt.store import schema

from .helpers import LOCAL, events, ids, post, rows


def _doc(study_file: Path, name: str = "kommune_a") -> tuple[int, str, dict[str, Any]]:
    known = ids(study_file)
    with indsigt.open_study(study_file) as study:
        text = study.document(known["docs"][name]).text
    return known["docs"][name], text, known


def _code(client: TestClient, known: dict[str, Any], **body: Any) -> Any:
    return post(client, f"/studies/{known['study']}/codings", body)


def test_part_of_a_sentence_keeps_its_exact_span(client: TestClient, study_file: Path) -> None:
    doc, text, known = _doc(study_file)
    start = text.index("kompetencerne")
    end = start + len("kompetencerne")
    code = known["codes"]["udfordringer/kompetencer"]
    response = _code(client, known, document_id=doc, start=start, end=end, code_id=code)
    assert response.status_code == 201, response.text
    coding = response.json()["coding"]
    assert (coding["start"], coding["end"], coding["created"]) == (start, end, True)
    [stored] = rows(study_file, schema.coding)
    assert (stored.start, stored.end, stored.coder, stored.status) == (
        start,
        end,
        "tester",
        "accepted",
    )
    passage = known["texts"][stored.passage_id]
    assert passage == "Men kompetencerne mangler stadig."  # anchored on its sentence
    assert text[stored.start : stored.end] == "kompetencerne"
    [logged] = events(study_file, "coding.added")
    assert logged.payload["start"] == start and logged.payload["end"] == end


def test_a_selection_over_two_sentences_is_one_coding(client: TestClient, study_file: Path) -> None:
    doc, text, known = _doc(study_file)
    start = text.index("mange projekter")
    end = text.index("mangler stadig") + len("mangler")
    code = known["codes"]["drivere"]
    response = _code(client, known, document_id=doc, start=start, end=end, code_id=code)
    assert response.status_code == 201, response.text
    coding = response.json()["coding"]
    stored = rows(study_file, schema.coding)
    assert len(stored) == 1  # one coding, not one per sentence
    assert [known["texts"][p] for p in coding["passage_ids"]] == [
        "Vi har mange projekter i gang.",
        "Men kompetencerne mangler stadig.",
    ]
    assert stored[0].passage_id == coding["passage_ids"][0]
    assert (stored[0].start, stored[0].end) == (start, end)

    html = client.get(f"/studies/{known['study']}/documents/{doc}").text
    marks = html.count(f'data-codings="{stored[0].id}"')
    assert marks == 3  # the end of one sentence, the space between, the start of the next
    assert html.count('class="chip" style="--c: ') == 1
    assert '<span class="coder">tester</span>' in html
    assert '<span class="count" aria-hidden="true">1</span>' in html  # folded to a count


def test_a_selection_of_exactly_one_passage_is_a_whole_passage_coding(
    client: TestClient, study_file: Path
) -> None:
    doc, text, known = _doc(study_file)
    start = text.index("Vi har mange projekter i gang.")
    end = start + len("Vi har mange projekter i gang.")
    code = known["codes"]["drivere"]
    response = _code(client, known, document_id=doc, start=start, end=end, code_id=code)
    assert response.status_code == 201
    [stored] = rows(study_file, schema.coding)
    assert (stored.start, stored.end) == (None, None)
    assert known["texts"][stored.passage_id] == "Vi har mange projekter i gang."


def test_coding_the_same_sentence_again_widens_the_one_coding(
    client: TestClient, study_file: Path
) -> None:
    doc, text, known = _doc(study_file)
    code = known["codes"]["drivere"]
    first = text.index("mange")
    second = text.index("i gang")
    _code(client, known, document_id=doc, start=first, end=first + 5, code_id=code)
    again = _code(client, known, document_id=doc, start=second, end=second + 6, code_id=code)
    assert again.status_code == 201
    coding = again.json()["coding"]
    assert (coding["created"], coding["widened"]) == (False, True)
    [stored] = rows(study_file, schema.coding)
    assert text[stored.start : stored.end] == "mange projekter i gang"
    assert len(events(study_file, "coding.widened")) == 1


@pytest.mark.parametrize(
    ("start", "end", "status", "message"),
    [
        (40, 30, 422, "its end must come after its start"),
        (40, 40, 422, "its end must come after its start"),
        (0, 100_000, 422, "outside the document"),
        (-3, 10, 422, "start: expected an offset"),
        ("x", 10, 422, "start: expected an offset"),
        (10, 1.5, 422, "end: expected an offset"),
    ],
)
def test_bad_offsets_are_refused_clearly(
    client: TestClient, study_file: Path, start: Any, end: Any, status: int, message: str
) -> None:
    doc, _, known = _doc(study_file)
    code = known["codes"]["drivere"]
    response = _code(client, known, document_id=doc, start=start, end=end, code_id=code)
    assert response.status_code == status, response.text
    assert message in response.json()["error"]
    assert rows(study_file, schema.coding) == []


def test_white_space_or_text_outside_passages_is_refused(
    client: TestClient, study_file: Path
) -> None:
    doc, text, known = _doc(study_file)
    code = known["codes"]["drivere"]
    gap = text.index("godt. Vi") + len("godt.")
    blank = _code(client, known, document_id=doc, start=gap, end=gap + 1, code_id=code)
    assert blank.status_code == 422 and "white space" in blank.json()["error"]
    label = text.index("Mette:")  # a speaker label lies outside every turn's passages
    outside = _code(client, known, document_id=doc, start=label, end=label + 5, code_id=code)
    assert outside.status_code == 422 and "touches no passage" in outside.json()["error"]
    assert rows(study_file, schema.coding) == []


def test_unknown_document_or_code_and_mixed_bodies(client: TestClient, study_file: Path) -> None:
    doc, _, known = _doc(study_file)
    code = known["codes"]["drivere"]
    missing = _code(client, known, document_id=999, start=0, end=5, code_id=code)
    assert missing.status_code == 404 and "no document 999" in missing.json()["error"]
    no_code = _code(client, known, document_id=doc, start=60, end=70, code_id=999)
    assert no_code.status_code == 404
    both = _code(
        client,
        known,
        document_id=doc,
        start=60,
        end=70,
        code_id=code,
        passage_ids=known["passages"]["kommune_a"][:1],
    )
    assert both.status_code == 422 and "not both" in both.json()["error"]
    assert rows(study_file, schema.coding) == []


def test_span_coding_needs_the_csrf_token(client: TestClient, study_file: Path) -> None:
    doc, _, known = _doc(study_file)
    body = {"document_id": doc, "start": 60, "end": 70, "code_id": known["codes"]["drivere"]}
    response = client.post(
        f"/studies/{known['study']}/codings", json=body, headers={"Accept": "application/json"}
    )
    assert response.status_code == 403 and "CSRF" in response.json()["error"]
    assert rows(study_file, schema.coding) == []


def test_viewers_cannot_code_a_selection(server: Any, server_file: Path) -> None:
    doc, text, known = _doc(server_file)
    start = text.index("kompetencerne")
    body = {"document_id": doc, "start": start, "end": start + 5, "code_id": 1}
    assert _code(server("vic"), known, **body).status_code == 403
    assert _code(server("cai"), known, **body).status_code == 201


def test_refusals_are_in_danish_for_a_danish_interface(study_file: Path) -> None:
    from indsigt.web import create_app

    doc, _, known = _doc(study_file)
    with TestClient(
        create_app(study_file, local_user="tester"),
        base_url=LOCAL,
        headers={"Accept-Language": "da"},
    ) as danish:
        response = _code(danish, known, document_id=doc, start=40, end=30, code_id=1)
    assert response.status_code == 422
    assert "slut" in response.json()["error"]


def test_the_code_passages_page_shows_what_was_coded(client: TestClient, study_file: Path) -> None:
    doc, text, known = _doc(study_file)
    start = text.index("kompetencerne")
    end = start + len("kompetencerne mangler")
    code = known["codes"]["udfordringer/kompetencer"]
    _code(client, known, document_id=doc, start=start, end=end, code_id=code)
    url = f"/studies/{known['study']}/codes/{code}/passages"
    [item] = client.get(url + ".json").json()["passages"]
    assert item["text"] == "Men kompetencerne mangler stadig."
    [coding] = item["codings"]
    assert (coding["span"], coding["span_text"]) == ([start, end], "kompetencerne mangler")
    assert '<q class="coded-span">kompetencerne mangler</q>' in client.get(url).text
    assert "“kompetencerne mangler”" in client.get(url + ".csv").text
