"""What a non-admin may see of respondents and documents (:mod:`indsigt.sealed`): publishable
attributes only, and each document by its neutral name ("Interview 3") instead of its file
name. Admins see everything."""

from __future__ import annotations

from typing import Any

from indsigt.sealed import AttributeClasses, attribute_classes, neutral_names
from indsigt.store import Store


def sealing(store: Store, study_id: int) -> tuple[dict[int, str], AttributeClasses]:
    """document id → neutral name, and the study's attribute classes."""
    with store.connect() as connection:
        return neutral_names(connection, study_id), attribute_classes(connection, study_id)


def public_overview(store: Store, study_id: int, overview: dict[str, Any]) -> dict[str, Any]:
    """The documents list (``documents_overview``) as a non-admin may see it."""
    names, classes = sealing(store, study_id)
    documents = [
        {
            **doc,
            "name": names.get(doc["id"], doc["name"]),
            "respondents": [
                {**person, "attributes": classes.public(person["attributes"])}
                for person in doc["respondents"]
            ],
        }
        for doc in overview["documents"]
    ]
    return {
        **overview,
        "filters": {k: v for k, v in overview["filters"].items() if classes.publishable(k)},
        "attributes": {k: v for k, v in overview["attributes"].items() if classes.publishable(k)},
        "documents": documents,
    }


def public_document(store: Store, study_id: int, view: dict[str, Any]) -> dict[str, Any]:
    """One document's view (``document_view``) under its neutral name."""
    names, _ = sealing(store, study_id)
    document = dict(view["document"])
    document["name"] = names.get(document["id"], document["name"])
    return {**view, "document": document}


def public_items(store: Store, study_id: int, items: list[dict[str, Any]]) -> None:
    """Queue items (``document_id``, ``document``) renamed in place."""
    names, _ = sealing(store, study_id)
    for item in items:
        item["document"] = names.get(item["document_id"], item["document"])
