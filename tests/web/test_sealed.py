"""Identifying respondent attributes and document file names are admin-only (issue 15)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from indsigt.store import Store, schema

from .helpers import ids, post


def _identify(path: Path) -> None:
    store = Store.open(path)
    with store.begin() as connection:
        connection.execute(
            schema.respondent.update()
            .where(schema.respondent.c.key == "K1")
            .values(
                attributes={
                    "level": "kommune",
                    "organisation": "Viborg Kommune",
                    "role": "kommunaldirektør",
                }
            )
        )
    store.close()


def test_non_admins_see_neutral_names_and_publishable_attributes(server, server_file: Path) -> None:
    """Regression: /studies/1/documents.json listed organisation and role, and file names."""
    _identify(server_file)
    known = ids(server_file)
    s = known["study"]
    for name in ("vic", "cai"):
        listing = server(name).get(f"/studies/{s}/documents.json").json()
        text = str(listing)
        assert "Viborg" not in text and "kommunaldirektør" not in text, name
        assert "kommune_a" not in text and "stat_b" not in text, name
        assert [d["name"] for d in listing["documents"]] == ["Interview 1", "Interview 2"]
        assert [d["name"] for d in listing["to_code"]] == ["Interview 1", "Interview 2"]
        assert set(listing["attributes"]) == {"level"}
        # An identifying attribute is no filter for them either (it would reveal its value).
        filtered = server(name).get(f"/studies/{s}/documents.json?role=kommunaldirektør").json()
        assert len(filtered["documents"]) == 2
        doc = server(name).get(f"/studies/{s}/documents/{known['docs']['kommune_a']}.json")
        assert doc.json()["document"]["name"] == "Interview 1"
    admin = server("ada").get(f"/studies/{s}/documents.json").json()
    assert "Viborg Kommune" in str(admin) and "kommune_a.txt" in str(admin)


def test_a_study_may_mark_an_attribute_publishable(server, server_file: Path) -> None:
    _identify(server_file)
    store = Store.open(server_file)
    with store.begin() as connection:
        connection.execute(
            sa.insert(schema.setting).values(
                study_id=1, key="attributes", value={"role": "publishable"}
            )
        )
    store.close()
    listing = server("vic").get("/studies/1/documents.json").json()
    assert set(listing["attributes"]) == {"level", "role"}


def test_admins_set_the_respondent_noun_in_the_web_settings(server, server_file: Path) -> None:
    ada = server("ada")
    page = ada.get("/studies/1/settings.json").json()
    assert page["settings"]["respondent_noun"] == "Deltager/deltagere"
    changed = post(ada, "/studies/1/settings", {"respondent_noun": "Leder"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["respondent_noun"] == "Leder/ledere"
    assert post(ada, "/studies/1/settings", {"respondent_noun": "42"}).status_code == 422
    assert post(server("cai"), "/studies/1/settings", {"respondent_noun": "X"}).status_code == 403


def test_admins_choose_the_attribute_the_study_is_compared_by(server, server_file: Path) -> None:
    """The Settings page's "Compare by": the publishable attributes only; the segment page
    (for everyone) opens on the choice; an identifying one is refused."""
    _identify(server_file)
    ada = server("ada")
    page = ada.get("/studies/1/settings.json").json()
    assert page["publishable"] == ["level"] and page["compare_by"] == "level"
    assert page["settings"]["segment_by"] == ""  # automatic
    html = ada.get("/studies/1/settings").text
    assert 'id="segment-by"' in html and 'value="organisation"' not in html
    refused = post(ada, "/studies/1/settings", {"segment_by": "organisation"})
    assert refused.status_code == 422 and "identifying" in refused.json()["error"]
    store = Store.open(server_file)
    with store.begin() as connection:
        connection.execute(
            sa.insert(schema.setting).values(
                study_id=1, key="attributes", value={"role": "publishable"}
            )
        )
    store.close()
    chosen = post(ada, "/studies/1/settings", {"segment_by": "role"})
    assert chosen.status_code == 200 and chosen.json()["segment_by"] == "role"
    assert server("vic").get("/studies/1/segments.json").json()["by"] == "role"
    back = post(ada, "/studies/1/settings", {"segment_by": "default"})
    assert back.json()["segment_by"] == "level"
    assert post(server("cai"), "/studies/1/settings", {"segment_by": "level"}).status_code == 403


def test_non_admins_cannot_segment_by_an_identifying_attribute(server, server_file: Path) -> None:
    _identify(server_file)
    vic = server("vic").get("/studies/1/segments.json?by=organisation").json()
    assert vic["by"] == "level" and "organisation" not in vic["attributes"]
    assert "Viborg" not in str(vic)
    ada = server("ada").get("/studies/1/segments.json?by=organisation").json()
    assert ada["by"] == "organisation"


def test_the_queue_shows_non_admins_neither_identifying_filters_nor_file_names(
    server, server_file: Path
) -> None:
    """The queue's filter options and items follow the same rule as the documents list, and an
    identifying attribute is refused as a filter (its matches would reveal its value)."""
    _identify(server_file)
    s = ids(server_file)["study"]
    for name in ("vic", "cai"):
        page = server(name).get(f"/studies/{s}/queue.json").json()
        text = str(page["options"]) + str(page["suggestions"]) + str(page["recent"])
        assert "Viborg" not in text and "kommunaldirektør" not in text, name
        assert "kommune_a" not in text and "stat_b" not in text, name
        refused = server(name).get(f"/studies/{s}/queue.json?attribute=role=kommunaldirektør")
        assert refused.status_code == 422, name
    admin = server("ada").get(f"/studies/{s}/queue.json").json()
    assert "organisation=Viborg Kommune" in admin["options"]["attributes"]
    assert server("ada").get(f"/studies/{s}/queue.json?attribute=level=kommune").status_code == 200
