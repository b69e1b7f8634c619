"""Test studies for the report: codes and codings inserted directly into the store."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

import indsigt
from indsigt.sample import RESPONDENT_NOUN, interview_files, respondents_sheet
from indsigt.store import schema
from indsigt.store.store import now

# path → (Danish label, English label, definition, keyword patterns)
CODEBOOK: dict[str, tuple[str, str, str, str]] = {
    "Muligheder": ("Muligheder", "Opportunities", "Hvad digitalisering gør muligt.", ""),
    "Muligheder/Automatisering": (
        "Automatisering",
        "Automation",
        "Opgaver, der løses af maskiner.",
        r"automatis|robot|rpa|automation|automatiser",
    ),
    "Muligheder/Data": ("Data", "Data", "Brug af data.", r"\bdata"),
    "Muligheder/Kunstig intelligens": (
        "Kunstig intelligens",
        "Artificial intelligence",
        "Sprogmodeller og maskinlæring.",
        r"kunstig intelligens|sprogmodel|maskinlæring|artificial intelligence|chatgpt",
    ),
    "Udfordringer": ("Udfordringer", "Challenges", "Det, der står i vejen.", ""),
    "Udfordringer/Kompetencer": (
        "Kompetencer",
        "Skills",
        "Mangel på digitale kompetencer.",
        r"kompetenc|kompetans|kompetens|rekrutter|skills",
    ),
    "Udfordringer/Jura": (
        "Jura og regler",
        "Law and rules",
        "Lovgivning og regler som barriere.",
        r"lovgivning|jura|gdpr|regler|lovverk|lagstiftning|legislation",
    ),
    "Udfordringer/Økonomi": (
        "Økonomi",
        "Money",
        "Penge og budgetter.",
        r"økonomi|budget|penge|business case|funding",
    ),
    "Drivkræfter": ("Drivkræfter", "Drivers", "Hvad der driver omstillingen.", ""),
    "Drivkræfter/Demografi": (
        "Demografi",
        "Demography",
        "Flere ældre og færre hænder.",
        r"demografi|ældre|mangle folk|arbejdskraft|hænder|workforce",
    ),
    "Drivkræfter/Borgerne": (
        "Borgernes forventninger",
        "Citizens' expectations",
        "Borgere, der forventer digitale løsninger.",
        r"borger|innbygger|invånare|citizen",
    ),
    "Mobilisering": (
        "Mobilisering",
        "Mobilisation",
        "Hvordan lederne får organisationen med.",
        r"ledelse|direktion|ledergruppe|leadership|ledning",
    ),
    "Mobilisering/Medarbejdere": (
        "Medarbejderne",
        "Staff",
        "Medarbejdere og tillidsfolk.",
        r"medarbejder|medarbeider|medarbetare|employees|staff|tillidsrepr",
    ),
}


def add_codebook(project: indsigt.Project) -> dict[str, int]:
    ids: dict[str, int] = {}
    with project.store.begin() as connection:
        for path in sorted(CODEBOOK, key=lambda p: (p.count("/"), p)):
            da, en, definition, _ = CODEBOOK[path]
            parent = ids.get(path.rsplit("/", 1)[0]) if "/" in path else None
            ids[path] = connection.execute(
                schema.code.insert().values(
                    study_id=project.study.id,
                    parent_id=parent,
                    path=path,
                    labels={"da": da, "en": en},
                    definition=definition,
                    include_rule="",
                    exclude_rule="",
                    keywords=[],
                    examples=[],
                    color="",
                )
            ).inserted_primary_key[0]
    return ids


def respondent_passages(project: indsigt.Project) -> list[tuple[int, int, str]]:
    """(passage id, document id, text) of every respondent passage."""
    p, t, s = schema.passage, schema.turn, schema.speaker
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(p.c.id, p.c.document_id, p.c.text)
            .select_from(p.join(t, p.c.turn_id == t.c.id).join(s, t.c.speaker_id == s.c.id))
            .where(s.c.respondent_id.is_not(None))
            .order_by(p.c.id)
        ).all()
    return [(row[0], row[1], row[2]) for row in rows]


def code_study(
    project: indsigt.Project, *, human_documents: int = 3, reviewed_documents: int = 0
) -> dict[str, int]:
    """Keyword codings by "keyword.v1" (suggested) everywhere; in the first
    ``human_documents`` documents a human coder "analyst1" codes too (accepted), disagreeing with
    the machine on every fifth passage, and rejects what she did not code; in the next
    ``reviewed_documents`` documents a person accepted the machine's codings (the rest stay
    unreviewed suggestions)."""
    ids = add_codebook(project)
    rules = {path: re.compile(v[3], re.I) for path, v in CODEBOOK.items() if v[3]}
    every = sorted({doc for _, doc, _ in respondent_passages(project)})
    documents = every[:human_documents]
    accepted = set(every[human_documents : human_documents + reviewed_documents])
    rows = []
    stamp = now()
    for number, (passage_id, document_id, text) in enumerate(respondent_passages(project)):
        for path, rule in rules.items():
            if not rule.search(text):
                continue
            reviewed = document_id in documents
            human_agrees = number % 5 != 0
            status = "accepted" if document_id in accepted else "suggested"
            if reviewed:
                status = "accepted" if human_agrees else "rejected"
                if human_agrees:
                    rows.append(_coding(passage_id, ids[path], "analyst1", "accepted", stamp))
            rows.append(_coding(passage_id, ids[path], "keyword.v1", status, stamp))
        if document_id in documents and number % 7 == 0:
            rows.append(_coding(passage_id, ids["Mobilisering"], "analyst1", "accepted", stamp))
    with project.store.begin() as connection:
        existing = set(
            connection.execute(
                sa.select(
                    schema.coding.c.passage_id, schema.coding.c.code_id, schema.coding.c.coder
                )
            ).all()
        )
        unique = {}
        for row in rows:
            key = (row["passage_id"], row["code_id"], row["coder"])
            if key not in existing:
                unique[key] = row
        connection.execute(schema.coding.insert(), list(unique.values()))
    return ids


def _coding(passage_id: int, code_id: int, coder: str, status: str, stamp: object) -> dict:
    return {
        "passage_id": passage_id,
        "code_id": code_id,
        "coder": coder,
        "score": None if coder == "analyst1" else 0.8,
        "status": status,
        "evidence": {},
        "created_at": stamp,
    }


def sample_study(path: Path, *, coded: bool = True) -> indsigt.Project:
    """The bundled sample study, imported, anonymised and (optionally) coded: 11 of its 13
    interviews by people (the report counts those), the last 2 by the machine alone."""
    project = indsigt.init_study(
        path, name="Digital omstilling (test)", language="da", respondent_noun=RESPONDENT_NOUN
    )
    project.import_files(interview_files(), respondents=respondents_sheet())
    project.anonymise()
    if coded:  # people coded 3 interviews and reviewed the machine's codings in 8 more
        code_study(project, reviewed_documents=8)
    return project


LEVELS = ["stat"] * 4 + ["region"] * 4 + ["kommune"] * 6


def small_study(folder: Path, *, coded: bool = True, also: str = "") -> indsigt.Project:
    """14 one-leader interviews in a study marked as not needing anonymisation: state leaders
    talk about data, municipal leaders about demography (a difference the tests find). With
    ``also``, the first six leaders end their interview with that sentence."""
    paths, rows = [], []
    for i, level in enumerate(LEVELS):
        answer = (
            "Vi bruger data fra alle vores systemer til at styre efter resultater hver uge."
            if level == "stat"
            else "Demografien betyder, at vi kommer til at mangle folk i ældreplejen om få år."
            if level == "kommune"
            else "Vi arbejder med mange forskellige ting i regionen for tiden, og det går fint."
        )
        lines = [
            "I: Hvor længe har du været leder?",
            f"R: Jeg har været leder i {i + 2} år, og jeg har været glad for hvert eneste af dem.",
            "I: Hvad fylder mest for jer lige nu?",
            f"R: {answer}",
            "I: Og ledelsen?",
            "R: Ledelse betyder alt, når vi skal have medarbejderne med i forandringen.",
        ]
        if also and i < 6:
            lines += ["I: Og partnerne?", f"R: {also}"]
        path = folder / f"int{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
        rows.append(f"int{i:02d},R,P{i:02d},{level}")
    sheet = folder / "respondents.csv"
    sheet.write_text("document,speaker,respondent,level\n" + "\n".join(rows) + "\n")
    project = indsigt.init_study(
        folder / "small.db",
        name="Lille test",
        anonymisation_required=False,
        respondent_noun="Leder",
    )
    project.import_files(paths, respondents=sheet)
    if coded:
        code_study(project, human_documents=0)
    return project


def accept_all(project: indsigt.Project, *, user: str) -> int:
    """A person accepts every suggestion of the study (through the review API)."""
    c, k = schema.coding, schema.code
    with project.store.connect() as connection:
        ids = list(
            connection.scalars(
                sa.select(c.c.id)
                .join(k, c.c.code_id == k.c.id)
                .where(k.c.study_id == project.study.id, c.c.status == "suggested")
            )
        )
    project.review_codings(accept=ids, user=user)
    return len(ids)
