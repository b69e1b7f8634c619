"""The bundled sample study after anonymisation: no name of a respondent or interviewer, and
none of the other persons named in the interviews, is left in any document text, passage or
speaker label; offsets stay consistent; re-runs and review decisions work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

import indsigt
from indsigt.guard import require_anonymised
from indsigt.sample import RESPONDENT_NOUN, interview_files, respondents_sheet
from indsigt.store import schema

# Every other person named in the sample interviews (read by hand from the transcripts).
OTHER_NAMES = """
Rasmus Ebbesen|Poul Erik Toft|Hanne Bisgaard|Camilla Rosendahl|Anne Sofie Krogh|Morten Leth|
Kasper Nørgaard|Torben Ellegaard|Birthe Sloth|Ib Kronborg|Jonas Frandsen|Pia Mølgaard|
Thomas Bjerre|Mette Lykkegaard|Karina Vestergaard|Søren Abildgaard|Bent Fogtmann|Hanne Kjær|
Tove Rasmussen|Jonas Frisk|Lene Dybdahl|Peter Vinding|Maja Kierkegaard|Susanne Brøndum|
Michael Lindholt|Rikke Damsgaard|Lene Brask|Mona Kjeldsen|Inge Lise Bramsen|Bo Thygesen|
Kasper Lindholm|Mikkel Sønderby|Søren Hvidtfeldt|Ida Marcussen|Lise Kjærulff Bang|
Karsten Holm Winther|Hanne Vestergaard|Birgitte Holmgaard|Line Kristiansen|Sofie Lauridsen|
Mette Juhl|Arne Lund|Bjørn Hansen|Hilde Aune|Johan Ekström|Helena Sjöberg|Gunnar Persson|
Sofia Nyberg|Nanna Kruse|Lars Bonde|Kari Nordvik|Maria Holmgren|Hans-Christian Bøgh|
Jytte Holm-Nielsen|Sindre Mo
""".replace("\n", "").split("|")
SURNAMES = sorted({name.split()[-1] for name in OTHER_NAMES if len(name.split()[-1]) > 2})


def participants() -> list[str]:
    sheet = yaml.safe_load(respondents_sheet().read_text(encoding="utf-8"))
    return sorted({row["name"] for row in [*sheet["respondents"], *sheet["interviewers"]]})


@pytest.fixture(scope="module")
def anonymised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[indsigt.Project]:
    path = tmp_path_factory.mktemp("sample") / "study.db"
    with indsigt.init_study(path, name="sample", respondent_noun=RESPONDENT_NOUN) as project:
        project.import_files(interview_files(), respondents=respondents_sheet())
        project.anonymise()
        yield project


def texts(project: indsigt.Project) -> Iterator[tuple[str, str]]:
    for doc in project.documents():
        yield doc.name, doc.text
        for speaker in project.speakers(doc):
            yield f"{doc.name} speaker", speaker.label
    for passage in project.passages():
        yield f"passage {passage.id}", passage.text


def leaks(project: indsigt.Project, names: list[str], *, ignore_case: bool) -> list[str]:
    found = []
    flags = re.IGNORECASE if ignore_case else 0
    for name in names:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)
        found += [f"{name!r} in {where}" for where, text in texts(project) if pattern.search(text)]
    return found


@pytest.mark.slow
def test_no_participant_name_remains(anonymised: indsigt.Project) -> None:
    full = participants()
    parts = sorted({part for name in full for part in name.split() if len(part) > 2})
    assert leaks(anonymised, full, ignore_case=True) == []
    assert leaks(anonymised, parts, ignore_case=False) == []


def test_no_other_person_name_remains(anonymised: indsigt.Project) -> None:
    assert leaks(anonymised, OTHER_NAMES, ignore_case=True) == []
    assert leaks(anonymised, SURNAMES, ignore_case=False) == []


def test_identifiers_are_redacted(anonymised: indsigt.Project) -> None:
    joined = "\n".join(doc.text for doc in anonymised.documents())
    for needle in ("@", "040552-2817", "120378-1143", "+45 87 87 55 21", "412 34 567", "8800"):
        assert needle not in joined
    assert "[CPR]" in joined and "[TELEFON]" in joined and "[E-MAIL]" in joined


def test_towns_and_institutions_that_point_to_a_place_are_generalised(
    anonymised: indsigt.Project,
) -> None:
    joined = "\n".join(doc.text for doc in anonymised.documents())
    for needle in ("Maribo", "Københavns Universitet", "DTU"):
        assert needle not in joined
    assert "[sted]" in joined and "[organisation]" in joined


def test_offsets_follow_the_edit(anonymised: indsigt.Project) -> None:
    for doc in anonymised.documents():
        for passage in anonymised.passages(doc):
            assert doc.text[passage.start : passage.end] == passage.text
        previous_end = 0
        for turn in anonymised.turns(doc):
            assert previous_end <= turn.start <= turn.end <= len(doc.text)
            previous_end = turn.end


def test_speakers_and_respondents_get_pseudonyms(anonymised: indsigt.Project) -> None:
    labels = {s.label for d in anonymised.documents() for s in anonymised.speakers(d)}
    assert "Interviewer" in labels and "Leder A" in labels
    assert all(r.pseudonym.startswith("Leder ") for r in anonymised.respondents())
    first = anonymised.documents()[0].text
    assert "Leder A: Ja, selvfølgelig" in first and "jeg hedder Leder A" in first


def test_findings_point_into_the_sealed_original(anonymised: indsigt.Project) -> None:
    with anonymised.store.connect() as connection:
        originals = dict(
            connection.execute(
                sa.select(schema.original_text.c.document_id, schema.original_text.c.text)
            ).all()
        )
    found = anonymised.findings(label="CPR")
    assert len(found) == 3
    for finding in found:
        surface = originals[finding.document_id][finding.start : finding.end]
        assert re.fullmatch(r"\d{6}-\d{4}", surface)
    require_anonymised(anonymised.store, anonymised.study.id, stage="coding")


def test_rerun_with_review_decisions_and_policy(tmp_path: Path) -> None:
    sheet = tmp_path / "respondents.yaml"
    sheet.write_text(
        "respondents:\n  - {respondent: DK01, document: dk01_kommune_viborg, speaker: Mette "
        "Kjærgaard Holm, name: Mette Kjærgaard Holm, level: kommune}\ninterviewers:\n"
        "  - {document: dk01_kommune_viborg, speaker: Interviewer, name: Anders Bech}\n",
        encoding="utf-8",
    )
    with indsigt.init_study(tmp_path / "s.db", name="s") as project:
        project.import_files(interview_files()[:1], respondents=sheet)
        # Without the tagger (remembered by the study), which would find "Borgerservice".
        first = project.anonymise(model="none")
        doc = project.documents()[0]
        passages = {p.id: p for p in project.passages(doc)}
        assert "Borgerservice" in doc.text  # a unit every municipality has
        project.review_finding(surface="Borgerservice", decision="missed", label="ORG")
        project.review_finding(surface="Digitalisering og IT", decision="missed", label="ORG")
        second = project.anonymise(allow=["Viborg Kommune"])
        doc = project.documents()[0]
        assert "Borgerservice" not in doc.text and "Digitalisering og IT" not in doc.text
        assert "[organisation]" in doc.text
        assert "Viborg Kommune" in doc.text  # kept: on the allow-list now
        assert {p.id for p in project.passages(doc)} == set(passages)  # ids survive
        assert second.findings["PER"] == first.findings["PER"]
        project.review_finding(surface="Viborg Kommune", decision="false_positive")
        project.anonymise()
        assert project.findings(status="false_positive")
        for passage in project.passages(doc):
            assert project.documents()[0].text[passage.start : passage.end] == passage.text
