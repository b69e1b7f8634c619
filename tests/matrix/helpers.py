"""A small guided, coded study: two interviews, a guide of three questions, two codes."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

import indsigt
from indsigt.store import schema
from indsigt.store.store import now

INTERVIEW_A = """Interviewer: Velkommen og tak fordi du ville være med.
Mette: Selv tak.
Interviewer: Hvad er de største muligheder i den digitale omstilling?
Mette: Automatisering af sagsbehandlingen frigør hænder til kerneopgaven. \
Borgerne får hurtigere svar på deres byggesager.
Interviewer: Hvad er de største udfordringer?
Mette: Rekruttering af dataanalytikere er meget svært for kommunen. \
Vores gamle fagsystemer taler ikke sammen.
Interviewer: Hvordan får du organisationen med?
Mette: Vi har uddannet digitale ambassadører i alle afdelinger. Ja.
"""
INTERVIEW_B = """Interviewer: Hvad er de største udfordringer?
Lars: Manglende hjemmel til dataudveksling bremser samarbejdet med regionerne. \
Kompetencerne mangler også i staten.
Interviewer: Og mulighederne i den digitale omstilling?
Lars: Kunstig intelligens kan hjælpe sagsbehandlerne med at finde de rigtige oplysninger \
hurtigere.
"""
RESPONDENTS = """respondents:
  - {respondent: K1, document: kommune_a, speaker: Mette, name: Mette Holm, level: kommune}
  - {respondent: S1, document: stat_b, speaker: Lars, name: Lars Berg, level: stat}
interviewers:
  - {document: kommune_a, speaker: Interviewer, name: Anne Bo}
  - {document: stat_b, speaker: Interviewer, name: Anne Bo}
"""
GUIDE = """# Guide

## Muligheder

[Q1] Hvad er de største muligheder i den digitale omstilling?

## Udfordringer

[Q2] Hvad er de største udfordringer?

## Mobilisering

[Q3] Hvordan får du organisationen med?
"""
CODEBOOK = """name: Test
codes:
  - path: udfordringer
    labels: {da: Udfordringer}
    definition: Barrierer for den digitale omstilling
  - path: udfordringer/kompetencer
    labels: {da: Kompetencer}
    definition: Mangel på kompetencer og rekruttering
  - path: muligheder
    labels: {da: Muligheder}
    definition: Gevinster ved digitalisering
"""


def make_guided_study(folder: Path, *, anonymisation_required: bool = False) -> Path:
    """The study file; with the guide imported and aligned (TF-IDF vectors) and codings on
    the passages that mention what a code is about."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kommune_a.txt").write_text(INTERVIEW_A, encoding="utf-8")
    (folder / "stat_b.txt").write_text(INTERVIEW_B, encoding="utf-8")
    (folder / "respondents.yaml").write_text(RESPONDENTS, encoding="utf-8")
    (folder / "guide.md").write_text(GUIDE, encoding="utf-8")
    (folder / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    path = folder / "study.db"
    with indsigt.init_study(
        path, name="Matrixstudie", anonymisation_required=anonymisation_required
    ) as study:
        study.import_files(
            [folder / "kommune_a.txt", folder / "stat_b.txt"],
            respondents=folder / "respondents.yaml",
        )
        study.import_codebook(folder / "codebook.yaml")
        study.import_guide(folder / "guide.md")
        if not anonymisation_required:
            study.align_guide(embedder="tfidf")
        rules = {
            "udfordringer": ("fagsystemer", "hjemmel"),
            "udfordringer/kompetencer": ("Rekruttering", "Kompetencerne"),
            "muligheder": ("Automatisering", "Kunstig", "byggesager"),
        }
        with study.store.begin() as connection:
            codes = dict(connection.execute(sa.select(schema.code.c.path, schema.code.c.id)).all())
            for passage in study.passages():
                for path_, words in rules.items():
                    if any(word in passage.text for word in words):
                        connection.execute(
                            schema.coding.insert().values(
                                passage_id=passage.id,
                                code_id=codes[path_],
                                coder="keyword.v1",
                                score=0.9,
                                status="suggested",
                                evidence={},
                                created_at=now(),
                            )
                        )
    return path
