"""The Themes page: the stored themes with representative statements; coders and admins run,
rename, merge and promote them (CSRF, roles, neutral names, escaped labels)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from indsigt.themes.stored import LABEL_MAX

from .helpers import events, ids, post


def _run(client: TestClient, s: int, **body: Any) -> Any:
    return post(client, f"/studies/{s}/themes/run", {"unit": "passage", "k": 3, **body})


def _themes(client: TestClient, s: int) -> list[dict[str, Any]]:
    data = client.get(f"/studies/{s}/themes.json").json()
    return list(data["themes"])


def test_empty_state_says_how_to_run_themes(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/themes.json").json()
    assert data["available"] is False and data["run"] is None and data["themes"] == []
    html = client.get(f"/studies/{s}/themes").text
    assert "No themes in this study yet" in html and "indsigt themes STUDY" in html
    assert 'id="run-themes"' in html  # the local user may run them


def test_run_then_rename_merge_and_promote(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    response = _run(client, s)
    assert response.status_code == 201, response.text
    assert response.json()["themes"] == 3
    themes = _themes(client, s)
    assert [t["number"] for t in themes] == [1, 2, 3]
    respondent_passages = {p for p, text in known["texts"].items() if not text.endswith("?")}
    for theme in themes:
        assert theme["status"] == "emergent" and theme["respondents"] >= 1
        assert 1 <= len(theme["examples"]) <= 3
        for example in theme["examples"]:
            assert example["passage_id"] in respondent_passages
            assert example["url"].endswith(f"#p{example['passage_id']}")
            assert example["text"] == known["texts"][example["passage_id"]]
    html = client.get(f"/studies/{s}/themes").text
    first_example = themes[0]["examples"][0]
    assert f'href="{first_example["url"]}"' in html

    first, second, third = (t["id"] for t in themes)
    renamed = post(client, f"/studies/{s}/themes/{first}/rename", {"label": " Kompetencer  "})
    assert renamed.status_code == 200 and renamed.json()["label"] == "Kompetencer"
    merged = post(client, f"/studies/{s}/themes/{first}/merge", {"other": third})
    assert merged.status_code == 200
    assert merged.json()["size"] == themes[0]["size"] + themes[2]["size"]
    promoted = post(client, f"/studies/{s}/themes/{second}/promote", {"path": "Data"})
    assert promoted.status_code == 201, promoted.text
    after = {t["id"]: t for t in _themes(client, s)}
    assert set(after) == {first, second}  # the merged theme is gone from the page
    assert after[first]["label"] == "Kompetencer"
    assert (after[second]["status"], after[second]["code"]) == ("promoted", "Data")
    assert "Data" in client.get(f"/studies/{s}/codebook").text
    for action in ("themes.stored", "theme.renamed", "theme.merged", "theme.promoted"):
        assert [e.actor for e in events(study_file, action)] == ["tester"], action


def test_forms_post_with_csrf_and_redirect(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    _run(client, s)
    html = client.get(f"/studies/{s}/themes").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert token is not None
    theme = _themes(client, s)[0]["id"]
    url = f"/studies/{s}/themes/{theme}/rename"
    response = client.post(
        url, data={"label": "Ny", "csrf_token": token.group(1)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"].endswith("/themes")
    refused = client.post(url, data={"label": "Uden token"}, follow_redirects=False)
    assert refused.status_code == 403
    assert _themes(client, s)[0]["label"] == "Ny"


def test_hostile_labels_are_escaped_and_bad_requests_refused(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    _run(client, s)
    one, two, _ = (t["id"] for t in _themes(client, s))
    hostile = '<script>alert("x")</script>'
    assert post(client, f"/studies/{s}/themes/{one}/rename", {"label": hostile}).status_code == 200
    html = client.get(f"/studies/{s}/themes").text
    assert hostile not in html and "&lt;script&gt;" in html
    bad = [
        (f"/studies/{s}/themes/{one}/rename", {"label": "   "}, 422),
        (f"/studies/{s}/themes/{one}/rename", {"label": "x" * (LABEL_MAX + 1)}, 422),
        (f"/studies/{s}/themes/999/rename", {"label": "Ny"}, 404),
        (f"/studies/{s}/themes/{one}/merge", {"other": one}, 409),
        (f"/studies/{s}/themes/{one}/merge", {"other": 999}, 404),
        (f"/studies/{s}/themes/{one}/merge", {"other": "x"}, 422),
        (f"/studies/{s}/themes/{one}/promote", {"path": ""}, 409),
        (f"/studies/{s}/themes/run", {"k": 1}, 422),
        (f"/studies/{s}/themes/run", {"unit": "chapter"}, 422),
    ]
    for url, body, status in bad:
        response = post(client, url, body)
        assert response.status_code == status, (url, body, response.text)
    assert (
        post(client, f"/studies/{s}/themes/{two}/promote", {"path": "udfordringer"}).status_code
        == 409
    )  # exists


def test_viewers_read_with_neutral_names_and_cannot_change(
    server: Callable[[str | None], TestClient], server_file: Path
) -> None:
    known = ids(server_file)
    s = known["study"]
    cai, vic, ada = server("cai"), server("vic"), server("ada")
    assert _run(cai, s).status_code == 201  # a coder may run themes
    theme = _themes(vic, s)[0]
    assert theme["examples"] and all(
        not e["document"].startswith(("kommune_a", "stat_b")) for e in theme["examples"]
    )
    assert "kommune_a" not in vic.get(f"/studies/{s}/themes").text
    assert "run-themes" not in vic.get(f"/studies/{s}/themes").text
    for url, body in (
        (f"/studies/{s}/themes/run", {}),
        (f"/studies/{s}/themes/{theme['id']}/rename", {"label": "Ny"}),
        (f"/studies/{s}/themes/{theme['id']}/promote", {"path": "Ny"}),
    ):
        assert post(vic, url, body).status_code == 403, url
    admin_names = {e["document"] for t in _themes(ada, s) for e in t["examples"]}
    assert admin_names <= {"kommune_a.txt", "stat_b.txt"}


def test_running_on_an_unanonymised_study_is_refused(tmp_path: Path) -> None:
    from indsigt.web import create_app

    from .helpers import LOCAL, make_study

    path = make_study(tmp_path / "raw", anonymisation_required=True)
    with TestClient(create_app(path, local_user="t"), base_url=LOCAL) as raw:
        response = _run(raw, ids(path)["study"])
        assert response.status_code == 409 and "anonymis" in response.text
