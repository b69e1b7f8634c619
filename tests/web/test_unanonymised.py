"""Un-anonymised text is for admins only (issue 18, item 8): in a study that needs
anonymisation, a document that is not anonymised yet shows coders and viewers a placeholder —
in HTML and JSON, on every page that carries transcript text — never the text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsigt.web import create_app

from .helpers import ENGLISH, add_users, ids, insert_coding, login, make_study, post

SECRET = "Jeg hedder Lars Kjær, mit cpr-nummer er 010203-1234 og mit nummer er 20 30 40 50."
MARKERS = ("Kjær", "010203-1234", "20 30 40 50", "Rekruttering", "Borgerne forventer")


@pytest.fixture
def anon_file(tmp_path: Path) -> Path:
    path = make_study(tmp_path / "anon", anonymisation_required=True)
    add_users(path)
    return path


@pytest.fixture
def as_user(anon_file: Path) -> Iterator[Callable[[str], TestClient]]:
    app = create_app(anon_file, server=True, secret_key="k")
    opened: list[TestClient] = []

    def make(name: str) -> TestClient:
        client = TestClient(app, headers=ENGLISH)
        client.__enter__()
        opened.append(client)
        login(client, name)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def _pages(anon_file: Path) -> list[str]:
    known = ids(anon_file)
    s = known["study"]
    urls = [f"/studies/{s}/documents/{doc}" for doc in known["docs"].values()]
    urls += [f"/studies/{s}/queue", f"/studies/{s}/documents", f"/studies/{s}/codebook"]
    urls += [f"/studies/{s}/segments", f"/studies/{s}/reliability", f"/studies/{s}/themes"]
    urls += [f"/studies/{s}/reports", "/"]
    return [url + suffix for url in urls for suffix in ("", ".json")]


def test_coders_and_viewers_never_see_unanonymised_text(as_user, anon_file: Path) -> None:
    known = ids(anon_file)
    s = known["study"]
    cai = as_user("cai")
    uploaded = post(
        cai, f"/studies/{s}/upload", {"text": f"Interviewer: Hvem er du?\nLars: {SECRET}\n"}
    )
    assert uploaded.status_code == 201, uploaded.text
    code = known["codes"]["drivere"]
    suggested = known["passages"]["kommune_a"][3]
    insert_coding(anon_file, suggested, code)  # a stray suggestion on un-anonymised text
    markers = (*MARKERS, known["texts"][suggested])
    pages = _pages(anon_file)
    new_doc = max(ids(anon_file)["docs"].values())
    pages += [f"/studies/{s}/documents/{new_doc}", f"/studies/{s}/documents/{new_doc}.json"]
    for name in ("cai", "vic"):
        client = cai if name == "cai" else as_user(name)
        for url in pages:
            response = client.get(url)
            assert response.status_code in (200, 403), (name, url, response.status_code)
            for marker in markers:
                assert marker not in response.text, (name, url, marker)
        data = client.get(f"/studies/{s}/documents/{new_doc}.json").json()
        assert data["turns"] == [] and "not anonymised" in data["text_withheld"]
        assert "not anonymised" in client.get(f"/studies/{s}/documents/{new_doc}").text
        # nothing to code before every document is anonymised (the coders could not open it)
        assert client.get(f"/studies/{s}/documents.json").json()["to_code"] == []
    ada = as_user("ada")
    assert "Kjær" in ada.get(f"/studies/{s}/documents/{new_doc}.json").text
    assert known["texts"][suggested] in ada.get(f"/studies/{s}/queue.json").text


def test_studies_without_anonymisation_show_text_to_coders(server, server_file: Path) -> None:
    known = ids(server_file)
    page = server("vic").get(f"/studies/{known['study']}/documents/{known['docs']['kommune_a']}")
    assert "Rekruttering" in page.text
