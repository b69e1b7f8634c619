"""The search page (issue 21): hits with marked words, escaped text, clear errors, sealing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import Store, schema

from .helpers import ids

HOSTILE = "<img src=x onerror=alert(1)> kompetencer <b>fed</b>"


def test_search_finds_and_marks_words(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    data = client.get(f"/studies/{s}/search.json?q=kompetence").json()
    assert data["total"] == 2 and data["error"] is None
    hit = next(h for h in data["hits"] if h["role"] == "respondent")
    assert hit["text"] == "Men kompetencerne mangler stadig."
    assert [p["text"] for p in hit["pieces"] if p["hit"]] == ["kompetencerne"]
    assert hit["before"] == "Vi har mange projekter i gang."
    assert hit["url"].endswith(f"#p{hit['passage_id']}") and hit["speaker"] == "Respondent 1"
    html = client.get(f"/studies/{s}/search?q=kompetence").text
    assert "<mark>kompetencerne</mark>" in html and f'href="{hit["url"]}"' in html
    empty = client.get(f"/studies/{s}/search")
    assert empty.status_code == 200 and 'name="q"' in empty.text


def test_query_errors_are_messages_not_500(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    for query in ('"kompetencer', "OR", "-data", "***", 'NEAR("a" "b', "x" * 600):
        response = client.get(f"/studies/{s}/search", params={"q": query})
        assert response.status_code == 400, query
        assert 'class="error"' in response.text
    problem = client.get(f"/studies/{s}/search.json", params={"q": '"open'}).json()
    assert "unclosed quote" in problem["error"]
    # FTS5 operators typed as words are only words.
    for query in ("NOT", "AND", "NEAR", "kompetencer NOT data", "a:b", "{x}", "^data"):
        assert client.get(f"/studies/{s}/search", params={"q": query}).status_code == 200


def test_hostile_passage_text_is_escaped_in_hits(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    passage = known["passages"]["kommune_a"][3]
    store = Store.open(study_file)
    with store.begin() as connection:
        connection.execute(
            schema.passage.update().where(schema.passage.c.id == passage).values(text=HOSTILE)
        )
    store.close()
    html = client.get(f"/studies/{known['study']}/search", params={"q": "fed"}).text
    assert "<img src=x" not in html and "<b>fed</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;<mark>fed</mark>&lt;/b&gt;" in html


def test_viewer_sees_neutral_names_in_hits(server, server_file: Path) -> None:
    s = ids(server_file)["study"]
    for name in ("vic", "cai"):
        data = server(name).get(f"/studies/{s}/search.json?q=kompetencerne").json()
        assert {h["document"] for h in data["hits"]} == {"Interview 1", "Interview 2"}
        assert "kommune_a" not in str(data) and "stat_b" not in str(data)
    admin = server("ada").get(f"/studies/{s}/search.json?q=kompetencerne").json()
    assert {h["document"] for h in admin["hits"]} == {"kommune_a.txt", "stat_b.txt"}


def test_unanonymised_text_is_not_searchable_for_non_admins(tmp_path: Path) -> None:
    from indsigt.web import create_app

    from .helpers import add_users, login, make_study

    path = make_study(tmp_path / "s", anonymisation_required=True)
    add_users(path)
    app = create_app(path, server=True, secret_key="k")
    with TestClient(app, base_url="http://testserver") as viewer:
        login(viewer, "vic")
        data = viewer.get("/studies/1/search.json?q=kompetencerne").json()
        assert data["total"] == 0 and data["hits"] == []
    with TestClient(app, base_url="http://testserver") as admin:
        login(admin, "ada")
        assert admin.get("/studies/1/search.json?q=kompetencerne").json()["total"] == 2
