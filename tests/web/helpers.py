"""A small study for the web tests: two interviews (kommune, stat), a codebook of three codes."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

import indsigt
from indsigt.store import Store, schema
from indsigt.store.store import now
from indsigt.web.data.codes import CodeInput, add_code

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
  - {respondent: K1, document: kommune_a, speaker: Mette, name: Mette Holm, level: kommune}
  - {respondent: S1, document: stat_b, speaker: Lars, name: Lars Berg, level: stat}
interviewers:
  - {document: kommune_a, speaker: Interviewer, name: Anne Bo}
  - {document: stat_b, speaker: Interviewer, name: Anne Bo}
"""
CODES = [
    CodeInput(path="udfordringer", label="Udfordringer", color="#e76f51"),
    CodeInput(path="udfordringer/kompetencer", label="Kompetencer", keywords="kompetencer"),
    CodeInput(path="drivere", label="Drivere", definition="Hvad driver forandringen"),
]
MACHINE = "keyword.v1"
LOCAL = "http://localhost"  # local mode answers loopback host names only
# The sample study is Danish, so a page without a language choice is Danish: the tests that
# read English text ask for English as a browser would (tests/web/test_i18n.py covers Danish).
ENGLISH = {"Accept-Language": "en"}
PASSWORDS = {
    "ada": "ada-admin-pw",
    "cai": "cai-coder-pw",
    "cora": "cora-coder-pw",
    "vic": "vic-viewer-pw",
}
ROLES = {"ada": "admin", "cai": "coder", "cora": "coder", "vic": "viewer"}


def make_study(folder: Path, *, anonymisation_required: bool = False, users: bool = False) -> Path:
    """A study file with two interviews, respondents with ``level`` and three codes (with
    ``users``, the users of :func:`add_users` too), of the caller's own in ``folder``: built
    once per test process and copied (the import and the password hashes took the time, and
    every web test wants the same study)."""
    key = (anonymisation_required, users)
    template = _TEMPLATES.get(key)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="indsigt-web-study-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        _build_study(template, anonymisation_required=anonymisation_required)
        if users:
            add_users(template / "study.db")
        _TEMPLATES[key] = template
    folder.mkdir(parents=True, exist_ok=True)
    for item in template.iterdir():
        shutil.copy2(item, folder / item.name)
    return folder / "study.db"


_TEMPLATES: dict[tuple[bool, bool], Path] = {}


def _build_study(folder: Path, *, anonymisation_required: bool) -> None:
    (folder / "kommune_a.txt").write_text(INTERVIEW_A, encoding="utf-8")
    (folder / "stat_b.txt").write_text(INTERVIEW_B, encoding="utf-8")
    (folder / "respondents.yaml").write_text(RESPONDENTS, encoding="utf-8")
    path = folder / "study.db"
    with indsigt.init_study(
        path, name="Webstudie", anonymisation_required=anonymisation_required
    ) as study:
        study.import_files(
            [folder / "kommune_a.txt", folder / "stat_b.txt"],
            respondents=folder / "respondents.yaml",
        )
        for code in CODES:
            add_code(study.store, study.study.id, code, language="da", actor="test")


def add_users(path: Path) -> None:
    from indsigt.web.auth import add_user

    store = Store.open(path)
    try:
        for name, password in PASSWORDS.items():
            add_user(store, name, password, role=ROLES[name], actor="test")
    finally:
        store.close()


def ids(path: Path) -> dict[str, Any]:
    """Ids by name: documents, codes, and each document's passages in order."""
    with indsigt.open_study(path) as study:
        docs = {d.name.removesuffix(".txt"): d.id for d in study.documents()}
        passages = {
            name: [p.id for p in study.passages(study.document(doc_id))]
            for name, doc_id in docs.items()
        }
        texts = {p.id: p.text for p in study.passages()}
        with study.store.connect() as connection:
            codes = dict(connection.execute(sa.select(schema.code.c.path, schema.code.c.id)).all())
        return {
            "study": study.study.id,
            "docs": docs,
            "codes": codes,
            "passages": passages,
            "texts": texts,
        }


def insert_coding(
    path: Path | str,
    passage_id: int,
    code_id: int,
    *,
    coder: str = MACHINE,
    status: str = "suggested",
) -> int:
    """A coding written straight into the store (as a machine coder would)."""
    store = Store.open(path)
    try:
        with store.begin() as connection:
            result = connection.execute(
                schema.coding.insert()
                .values(
                    passage_id=passage_id,
                    code_id=code_id,
                    coder=coder,
                    score=0.8,
                    status=status,
                    evidence={"keywords": ["kompetencer"]},
                    created_at=now(),
                )
                .returning(schema.coding.c.id)
            )
            return int(result.scalar_one())
    finally:
        store.close()


def rows(path: Path, table: sa.Table, *where: Any) -> list[Any]:
    store = Store.open(path)
    try:
        with store.connect() as connection:
            return list(connection.execute(sa.select(table).where(*where)).all())
    finally:
        store.close()


def events(path: Path, action: str) -> list[Any]:
    return rows(path, schema.event, schema.event.c.action == action)


def token(client: TestClient) -> str:
    """The CSRF token of the client's session."""
    response = client.get("/session.json")
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def post(client: TestClient, url: str, body: dict[str, Any], **kwargs: Any) -> Any:
    """A JSON POST with the session's CSRF token, as the page's script sends it."""
    headers = {"X-CSRF-Token": token(client), "Accept": "application/json"}
    return client.post(url, json=body, headers=headers, **kwargs)


def login(client: TestClient, name: str) -> str:
    """Log in through the form (with the login page's CSRF token); returns the new token."""
    page = client.get("/login")
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert found, page.text
    response = client.post(
        "/login",
        data={"username": name, "password": PASSWORDS[name], "csrf_token": found.group(1)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


SKILLS = "udfordringer/kompetencer"
TWO_CODERS = (("cai", "kommune_a", 3, SKILLS), ("cora", "kommune_a", 3, SKILLS))
"""cai and cora both accept kompetencer for passage 3 of kommune_a (reliability has two)."""
QUEUED = (("kommune_a", 5, SKILLS), ("kommune_a", 6, "drivere"))
"""The keyword coder's suggestions in the queue."""


def coded_study(
    folder: Path,
    *,
    people: Sequence[tuple[str, str, int, str]] = TWO_CODERS,
    queued: Sequence[tuple[str, int, str]] = QUEUED,
) -> Path:
    """The study the browser tests look at (:func:`make_study`): ``people``'s accepted codings
    (coder, document, passage index, code path), then the keyword coder's suggestions
    ``queued`` (document, passage index, code path), in that order."""
    study = make_study(folder)
    known = ids(study)
    for coder, document, index, code in people:
        passage = known["passages"][document][index]
        insert_coding(study, passage, known["codes"][code], coder=coder, status="accepted")
    for document, index, code in queued:
        insert_coding(study, known["passages"][document][index], known["codes"][code])
    return study
