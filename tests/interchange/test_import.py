"""Importing a REFI-QDA project built by hand from the QDA-XML 1.0 standard (no files from real
QDA tools are available here): positions with CRLF line endings, emoji and Danish letters;
selections that cut across sentences and overlap; users, codes, cases, variables and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.interchange import import_qdpx, schema_errors
from indsigt.store import schema

from .helpers import codes, codings, qdpx, respondents_by_document

RAW = (
    "Interviewer: Hvad driver forandringen? 😀\r\n"
    "Leder: Borgernes forventninger. Vi skal være på forkant, især på Ærø.\r\n"
    "Leder: Medarbejderne skal med 🇩🇰 fra start.\r\n"
)
S1 = ("Borgernes forventninger. Vi skal være", "Borgernes")  # ends mid-sentence
S2 = ("Vi skal være på forkant", "Vi skal")  # overlaps S1
S3 = ("Medarbejderne skal med 🇩🇰 fra start.", "Medarbejderne")


def span(text: str, start_word: str) -> tuple[int, int]:
    """Start and end of ``text`` in RAW: Python indices into the file's characters, which is
    how REFI-QDA counts (CRLF = 2 characters, an emoji = 1, "æ" = 1)."""
    start = RAW.index(start_word)
    assert RAW[start : start + len(text)] == text
    return start, start + len(text)


ANNA, BO, MACHINE = (
    "0b0e8c5e-1f0a-4c7b-9a51-0d6c1a000001",
    "0b0e8c5e-1f0a-4c7b-9a51-0d6c1a000002",
    "0b0e8c5e-1f0a-4c7b-9a51-0d6c1a000003",
)
DRIVERE, BORGERE, MOBIL, SLASH = (
    "c0de0000-0000-4000-8000-000000000001",
    "c0de0000-0000-4000-8000-000000000002",
    "c0de0000-0000-4000-8000-000000000003",
    "c0de0000-0000-4000-8000-000000000004",
)
SRC1, SRC2 = "50000000-0000-4000-8000-000000000001", "50000000-0000-4000-8000-000000000002"
LEVEL, AGE = "7a000000-0000-4000-8000-000000000001", "7a000000-0000-4000-8000-000000000002"


def project_qde() -> str:
    s1, s2, s3 = span(*S1), span(*S2), span(*S3)
    # Counted by hand: 40 (line 1, the emoji is one) + 2 (CRLF) + 69 + 2 (CRLF) + 7 "Leder: ".
    # (UTF-16 code units would give 121, bytes 131, and LF-only text 118.)
    assert s3[0] == 120
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Håndbygget projekt" origin="by hand"
         creationDateTime="2026-01-14T09:30:00Z">
  <Users>
    <User guid="{ANNA}" name="Anna" id="AN"/>
    <User guid="{{{BO.upper()}}}" name="Bo"/>
    <User guid="{MACHINE}" name="indsigt keyword.v1"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="{DRIVERE}" name="Drivere" isCodable="true" color="#00FF00">
        <Description>Hvad driver forandringen.</Description>
        <NoteRef targetGUID="a0000000-0000-4000-8000-000000000002"/>
        <Code guid="{BORGERE}" name="Borgere" isCodable="true" color="#123"/>
      </Code>
      <Code guid="{MOBIL}" name="Mobilisering" isCodable="true"/>
      <Code guid="{SLASH}" name="Ledelse/styring" isCodable="false"/>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="{LEVEL}" name="level" typeOfVariable="Text"/>
    <Variable guid="{AGE}" name="alder" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="ca000000-0000-4000-8000-000000000001" name="Leder A">
      <VariableValue>
        <VariableRef targetGUID="{LEVEL}"/><TextValue>kommune</TextValue></VariableValue>
      <VariableValue>
        <VariableRef targetGUID="{AGE}"/><IntegerValue>52</IntegerValue></VariableValue>
      <SourceRef targetGUID="{SRC1}"/>
    </Case>
    <Case guid="ca000000-0000-4000-8000-000000000002" name="Leder B">
      <VariableValue>
        <VariableRef targetGUID="{LEVEL}"/><TextValue>region</TextValue></VariableValue>
      <SourceRef targetGUID="{SRC2}"/>
    </Case>
    <Case guid="ca000000-0000-4000-8000-000000000003" name="Leder C">
      <VariableValue>
        <VariableRef targetGUID="{LEVEL}"/><TextValue>stat</TextValue></VariableValue>
      <SourceRef targetGUID="{SRC2}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{SRC1}" name="Interview med leder" plainTextPath="internal://{SRC1}.txt">
      <PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" startPosition="{s1[0]}"
                          endPosition="{s1[1]}" creatingUser="{ANNA}">
        <Coding guid="c1000000-0000-4000-8000-000000000001" creatingUser="{ANNA}">
          <CodeRef targetGUID="{BORGERE}"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="5e000000-0000-4000-8000-000000000002" startPosition="{s2[0]}"
                          endPosition="{s2[1]}" creatingUser="{MACHINE}">
        <Description>indsigt: status=suggested; score=0.4</Description>
        <Coding guid="c1000000-0000-4000-8000-000000000002" creatingUser="{MACHINE}">
          <CodeRef targetGUID="{DRIVERE}"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="5e000000-0000-4000-8000-000000000003" startPosition="{s3[0]}"
                          endPosition="{s3[1]}">
        <Coding guid="c1000000-0000-4000-8000-000000000003" creatingUser="{BO}">
          <CodeRef targetGUID="{MOBIL}"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="5e000000-0000-4000-8000-000000000004" startPosition="5"
                          endPosition="5"/>
      <NoteRef targetGUID="a0000000-0000-4000-8000-000000000001"/>
    </TextSource>
    <TextSource guid="{SRC2}" name="Gruppeinterview">
      <PlainTextContent>Kort tekst om æøå. Og en sætning mere.</PlainTextContent>
      <PlainTextSelection guid="5e000000-0000-4000-8000-000000000005" startPosition="0"
                          endPosition="18">
        <Coding guid="c1000000-0000-4000-8000-000000000005" creatingUser="{ANNA}">
          <CodeRef targetGUID="{MOBIL}"/>
        </Coding>
      </PlainTextSelection>
      <Coding guid="c1000000-0000-4000-8000-000000000006" creatingUser="{ANNA}">
        <CodeRef targetGUID="{DRIVERE}"/>
      </Coding>
      <VariableValue>
        <VariableRef targetGUID="{LEVEL}"/><TextValue>blandet</TextValue></VariableValue>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="a0000000-0000-4000-8000-000000000001" name="Memo" creatingUser="{ANNA}">
      <PlainTextContent>Stærkt svar om borgerne.</PlainTextContent>
    </Note>
    <Note guid="a0000000-0000-4000-8000-000000000002" name="Kodenote" creatingUser="{MACHINE}"
          plainTextPath="internal://note2.txt"/>
    <Note guid="a0000000-0000-4000-8000-000000000003" name="Projektnote">
      <PlainTextContent>Om hele projektet.</PlainTextContent>
    </Note>
  </Notes>
  <Sets>
    <Set guid="5e700000-0000-4000-8000-000000000001" name="Ledere">
      <MemberSource targetGUID="{SRC1}"/>
    </Set>
  </Sets>
  <Description>Et projekt bygget i hånden efter standarden.</Description>
  <NoteRef targetGUID="a0000000-0000-4000-8000-000000000003"/>
</Project>
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return qdpx(
        tmp_path / "hand.qdpx",
        project_qde(),
        {
            f"sources/{SRC1}.txt": "\ufeff" + RAW,  # with a byte order mark, which is not counted
            "sources/note2.txt": "Drivere er\r\nbrede.",
        },
    )


def test_the_hand_built_file_is_valid_qda_xml(project_xsd: Path) -> None:
    assert schema_errors(project_qde().encode("utf-8"), project_xsd) == []


@pytest.fixture
def imported(archive: Path, tmp_path: Path, project_xsd: Path) -> indsigt.Project:
    report = import_qdpx(archive, tmp_path / "new.db", schema=project_xsd)
    assert report.documents == 2 and report.respondents == 3 and report.notes == 3
    warnings = "\n".join(report.warnings)
    assert "<Sets> is not imported" in warnings
    assert "is empty, skipped" in warnings
    assert "coding(s) of the whole source not imported" in warnings
    assert "'/' separates levels" in warnings
    project = indsigt.open_study(tmp_path / "new.db")
    yield project
    project.close()


def test_study_and_documents(imported: indsigt.Project) -> None:
    assert imported.study.name == "Håndbygget projekt"
    assert imported.study.description == "Et projekt bygget i hånden efter standarden."
    assert imported.study.anonymisation_required
    docs = {d.name: d for d in imported.documents()}
    assert docs["Interview med leder"].text == RAW.replace("\r\n", "\n")
    assert docs["Gruppeinterview"].text == "Kort tekst om æøå. Og en sætning mere."
    assert docs["Gruppeinterview"].metadata["variables"] == {"level": "blandet"}
    assert docs["Interview med leder"].format == "qdpx"
    for doc in docs.values():
        (turn,) = imported.turns(doc)
        assert (turn.start, turn.end) == (0, len(doc.text))
        for passage in imported.passages(doc):
            assert passage.text == doc.text[passage.start : passage.end]


def test_selections_become_passages(imported: indsigt.Project) -> None:
    doc = imported.document("Interview med leder")
    texts = [p.text for p in imported.passages(doc)]
    assert texts == [
        "Interviewer: Hvad driver forandringen?",
        "😀\nLeder:",  # the sentence segmenter's choice: no cut before an emoji
        "Borgernes forventninger.",  # S1 starts here: cut at the selection
        "Vi skal være",  # S1 ∩ S2
        "på forkant",  # S2 ends here
        ", især på Ærø.",
        "Leder:",
        "Medarbejderne skal med 🇩🇰 fra start.",  # S3: exactly one passage
    ]


def test_codings_per_user_with_status(imported: indsigt.Project) -> None:
    # REFI startPosition 49 (after one CRLF) is offset 48 in the stored text ("\n" only).
    assert span(*S1)[0] == 49
    assert (
        "Interview med leder",
        48,
        72,
        "Borgernes forventninger.",
        "Drivere/Borgere",
        "Anna",
        "accepted",
        None,
    ) in codings(imported)
    found = {
        (text, path, coder, status, score)
        for _, _, _, text, path, coder, status, score in codings(imported)
    }
    assert found == {
        ("Borgernes forventninger.", "Drivere/Borgere", "Anna", "accepted", None),
        ("Vi skal være", "Drivere/Borgere", "Anna", "accepted", None),
        ("Vi skal være", "Drivere", "keyword.v1", "suggested", 0.4),
        ("på forkant", "Drivere", "keyword.v1", "suggested", 0.4),
        ("Medarbejderne skal med 🇩🇰 fra start.", "Mobilisering", "Bo", "accepted", None),
        ("Kort tekst om æøå.", "Mobilisering", "Anna", "accepted", None),
    }


def test_code_system(imported: indsigt.Project) -> None:
    assert codes(imported) == {
        ("Drivere", "#00FF00", "Hvad driver forandringen.", None),
        ("Drivere/Borgere", "#123", "", "Drivere"),
        ("Mobilisering", "", "", None),
        ("Ledelse∕styring", "", "", None),
    }


def test_cases_become_respondents(imported: indsigt.Project) -> None:
    respondents = {r.key: r for r in imported.respondents()}
    assert respondents["Leder A"].attributes == {"level": "kommune", "alder": "52"}
    assert respondents["Leder A"].pseudonym == "Respondent 1"
    assert respondents["Leder C"].attributes == {"level": "stat"}
    assert respondents_by_document(imported) == {
        "Interview med leder": {"Respondent 1"},
        "Gruppeinterview": {"Respondent 2", "Respondent 3"},
    }
    stats = imported.statistics(by="level")
    assert {row.value for row in stats.segments} == {"kommune"}  # the one with the turn


def test_notes(imported: indsigt.Project) -> None:
    with imported.store.connect() as connection:
        rows = connection.execute(
            sa.select(
                schema.note.c.title,
                schema.note.c.text,
                schema.note.c.author,
                schema.document.c.name,
                schema.code.c.path,
            )
            .outerjoin(schema.document, schema.note.c.document_id == schema.document.c.id)
            .outerjoin(schema.code, schema.note.c.code_id == schema.code.c.id)
        ).all()
    assert {tuple(row) for row in rows} == {
        ("Memo", "Stærkt svar om borgerne.", "Anna", "Interview med leder", None),
        ("Kodenote", "Drivere er\nbrede.", "keyword.v1", None, "Drivere"),
        ("Projektnote", "Om hele projektet.", "unknown", None, None),
    }


def test_every_document_gets_an_import_event(imported: indsigt.Project) -> None:
    with imported.store.connect() as connection:
        actions = list(connection.scalars(sa.select(schema.event.c.action)))
    assert actions.count("document.imported") == 2
    assert "qdpx.imported" in actions and "study.created" in actions


def test_imported_study_exports_valid_again(
    imported: indsigt.Project, tmp_path: Path, project_xsd: Path
) -> None:
    with imported.store.begin() as connection:
        connection.execute(schema.study.update().values(anonymisation_required=False))
    imported.study = indsigt.open_study(imported.store.location).study
    report = imported.export(tmp_path / "again.qdpx", schema=project_xsd)
    assert report.validated and report.sources == 2


def test_a_bare_qde_file_with_inline_texts(tmp_path: Path, project_xsd: Path) -> None:
    text = "Første linje.\r\nAnden linje med 😀 og æ."
    start = text.index("Anden")
    qde = tmp_path / "project.qde"
    qde.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bar fil">
  <CodeBook><Codes><Code guid="{MOBIL}" name="Kode" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{SRC1}" name="Kilde">
      <PlainTextContent>{text.replace(chr(13), "&#13;")}</PlainTextContent>
      <PlainTextSelection guid="{SRC2}" startPosition="{start}" endPosition="{len(text)}">
        <Coding guid="{ANNA}"><CodeRef targetGUID="{MOBIL}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
""",
        encoding="utf-8",
    )
    assert schema_errors(qde.read_bytes(), project_xsd) == []
    report = import_qdpx(qde, tmp_path / "bare.db", anonymisation_required=False)
    assert report.codings == 1
    with indsigt.open_study(tmp_path / "bare.db") as project:
        ((*_, passage_text, path, coder, status, score),) = codings(project)
        assert score is None
        assert (passage_text, path, coder, status) == (
            "Anden linje med 😀 og æ.",
            "Kode",
            "unknown",
            "accepted",
        )
        assert not project.study.anonymisation_required


@pytest.mark.postgres
def test_import_into_an_empty_postgres_database(archive: Path, postgres_url: str) -> None:
    report = import_qdpx(archive, postgres_url)
    assert report.codings == 6
    with indsigt.open_study(postgres_url) as project:
        assert len(codings(project)) == 6
        assert {r.key for r in project.respondents()} == {"Leder A", "Leder B", "Leder C"}
    with pytest.raises(indsigt.StoreError, match="not empty"):
        import_qdpx(archive, postgres_url)
