"""Blind coding: a coder sees only their own codings until an admin unblinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from indsigt.store import schema
from indsigt.web.views import reports as reports_view
from indsigt.web.views.reports import reports_dir

from .helpers import MACHINE, events, ids, insert_coding, post, rows


def _setup(server, path: Path) -> dict:
    known = ids(path)
    s = known["study"]
    code = known["codes"]["udfordringer/kompetencer"]
    passage = known["passages"]["kommune_a"][3]
    for name in ("cai", "cora"):
        response = post(
            server(name), f"/studies/{s}/codings", {"passage_ids": [passage], "code_id": code}
        )
        assert response.status_code == 201
    known["suggestion"] = insert_coding(path, known["passages"]["stat_b"][4], code)
    return known


def _coders_seen(client, known: dict) -> set[str]:
    s, doc = known["study"], known["docs"]["kommune_a"]
    turns = client.get(f"/studies/{s}/documents/{doc}.json").json()["turns"]
    return {c["coder"] for t in turns for p in t["pieces"] if p["passage"] for c in p["codings"]}


def test_blind_coding_hides_other_coders(server, server_file: Path) -> None:
    known = _setup(server, server_file)
    s = known["study"]
    ada, cai, vic = server("ada"), server("cai"), server("vic")
    assert _coders_seen(cai, known) == {"cai", "cora"}

    switched = post(ada, f"/studies/{s}/settings", {"blind_coding": "true"})
    assert switched.json() == {"blind_coding": True}
    assert rows(server_file, schema.setting)[0].value is True
    assert events(server_file, "setting.changed")[0].payload == {
        "key": "blind_coding",
        "old": None,
        "new": True,
    }

    assert _coders_seen(cai, known) == {"cai"}
    assert _coders_seen(ada, known) == {"cai", "cora"}
    assert _coders_seen(vic, known) == {"cai", "cora"}
    queue = cai.get(f"/studies/{s}/queue.json").json()
    assert queue["total"] == 0 and queue["only_coder"] == "cai"
    assert "Blind coding is on" in cai.get(f"/studies/{s}/queue").text
    hidden = post(cai, f"/studies/{s}/queue/{known['suggestion']}", {"decision": "accept"})
    assert hidden.status_code == 404
    reliability = cai.get(f"/studies/{s}/reliability.json?a=cai&b=cora").json()
    assert reliability["result"] is None and "blind coding" in reliability["problem"]
    assert [c["name"] for c in reliability["coders"]] == ["cai"]
    segments = cai.get(f"/studies/{s}/segments.json").json()
    assert segments["coders"] == ["cai"]
    listing = cai.get(f"/studies/{s}/documents.json").json()
    assert sum(d["codings"] for d in listing["documents"]) == 1
    # no "code next" drawn from what the others coded; the admin still sees it
    assert listing["to_code"] == [] and listing["coded"] == 0
    assert [d["name"] for d in ada.get(f"/studies/{s}/documents.json").json()["to_code"]] == [
        "stat_b.txt"
    ]

    assert post(cai, f"/studies/{s}/settings", {"blind_coding": "false"}).status_code == 403
    post(ada, f"/studies/{s}/settings", {"blind_coding": "false"})
    assert _coders_seen(cai, known) == {"cai", "cora"}
    assert cai.get(f"/studies/{s}/queue.json").json()["total"] == 1
    both = cai.get(f"/studies/{s}/reliability.json?a=cai&b=cora").json()
    assert both["result"]["overall"]["both"] == 1
    assert MACHINE in [c["name"] for c in both["coders"]]


def test_settings_validation(server, server_file: Path) -> None:
    s = ids(server_file)["study"]
    ada = server("ada")
    assert post(ada, f"/studies/{s}/settings", {"blind_coding": "perhaps"}).status_code == 422
    page = ada.get(f"/studies/{s}/settings")
    assert "Turn blind coding on" in page.text


def test_blind_coding_hides_others_counts_and_reports(
    server, server_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18, item 11: counts and reports must not leak the other coders' work."""
    monkeypatch.setattr(reports_view, "reports_available", lambda: True)
    known = _setup(server, server_file)
    s = known["study"]
    code = known["codes"]["udfordringer/kompetencer"]
    for passage in known["passages"]["stat_b"][:3]:
        insert_coding(server_file, passage, code, coder="cora", status="accepted")
    folder = reports_dir(server_file.parent / "reports", s)
    folder.mkdir(parents=True)
    (folder / "report.html").write_text("<h1>Reliability: κ 0.61</h1>", encoding="utf-8")
    ada, cai = server("ada"), server("cai")
    post(ada, f"/studies/{s}/settings", {"blind_coding": "true"})

    book = cai.get(f"/studies/{s}/codebook.json").json()
    assert {c["path"]: c["codings"] for c in book["codes"]}[
        "udfordringer/kompetencer"
    ] == 1  # cai's own; 6 in all
    assert cai.get(f"/studies/{s}/codebook/{code}.json").json()["code"]["codings"] == 1
    page = cai.get(f"/studies/{s}/codebook", headers={"Accept-Language": "en"}).text
    assert "1 coding<" in page and "6 codings" not in page
    [study] = cai.get("/.json").json()["studies"]
    assert study["codings"] == 1
    listed = cai.get(f"/studies/{s}/reports.json").json()
    assert listed["files"] == [] and "blind coding" in listed["problem"]
    assert cai.get(f"/studies/{s}/reports/report.html").status_code == 404
    # someone else's coding is "not found" for a blinded coder, as in the queue
    cora_coding = rows(server_file, schema.coding, schema.coding.c.coder == "cora")[0].id
    removal = post(cai, f"/studies/{s}/codings/{cora_coding}/delete", {})
    assert removal.status_code == 404

    assert {
        c["path"]: c["codings"] for c in ada.get(f"/studies/{s}/codebook.json").json()["codes"]
    }["udfordringer/kompetencer"] == 6
    assert [f["name"] for f in ada.get(f"/studies/{s}/reports.json").json()["files"]] == [
        "report.html"
    ]
    assert ada.get("/.json").json()["studies"][0]["codings"] == 6
    post(ada, f"/studies/{s}/settings", {"blind_coding": "false"})
    assert [f["name"] for f in cai.get(f"/studies/{s}/reports.json").json()["files"]] == [
        "report.html"
    ]
