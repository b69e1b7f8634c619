"""Sources that are not a TextSource: a recording's transcript and a PDF's text
representation are imported as the study's documents, their selections placed in the text;
what holds no text (a picture, a page's area, a time span) is left out with a note. MAXQDA,
NVivo and ATLAS.ti keep the transcripts of recorded interviews inside the recording's source:
such a project was refused whole ("AudioSource … is not supported")."""

from __future__ import annotations

from pathlib import Path

import indsigt
from indsigt.interchange import import_qdpx, schema_errors

from .helpers import codings, qdpx, respondents_by_document

CODE = "c0de0000-0000-4000-8000-000000000001"
USER = "00000000-0000-4000-8000-0000000000a1"
AUDIO = "a0000000-0000-4000-8000-000000000001"
TRANSCRIPT = "a0000000-0000-4000-8000-000000000002"
PDF = "b0000000-0000-4000-8000-000000000001"
CASE = "ca000000-0000-4000-8000-000000000001"
TEXT = "I: Hvad driver jer?\nB: Borgernes forventninger driver os. Og økonomien.\n"
SAID = "Borgernes forventninger driver os."
PAGE = "Notat fra mødet. Vi skal have medarbejderne med fra start."
NOTED = "Vi skal have medarbejderne med fra start."


def guid(n: int) -> str:
    return f"e0000000-0000-4000-8000-{n:012d}"


def project(sources: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Optagelser">
  <Users><User guid="{USER}" name="Anna"/></Users>
  <CodeBook><Codes><Code guid="{CODE}" name="Drivere" isCodable="true"/></Codes></CodeBook>
  <Cases><Case guid="{CASE}" name="Leder A"><SourceRef targetGUID="{AUDIO}"/></Case></Cases>
  <Sources>
{sources}
  </Sources>
</Project>
"""


def coding(n: int) -> str:
    return f'<Coding guid="{guid(n)}" creatingUser="{USER}"><CodeRef targetGUID="{CODE}"/></Coding>'


def recording(points: str = "") -> str:
    start = TEXT.index(SAID)
    points = points or (
        f'<SyncPoint guid="{guid(1)}" timeStamp="15000" position="{start}"/>'
        f'<SyncPoint guid="{guid(2)}" timeStamp="17500" position="{start + len(SAID)}"/>'
    )
    return f"""
    <AudioSource guid="{AUDIO}" name="Interview 1.mp3" path="internal://{AUDIO}.mp3">
      <Transcript guid="{TRANSCRIPT}" name="Transskription" plainTextPath="internal://{TRANSCRIPT}.txt">
        {points}
        <TranscriptSelection guid="{guid(3)}" fromSyncPoint="{guid(1)}" toSyncPoint="{guid(2)}">
          {coding(4)}
        </TranscriptSelection>
      </Transcript>
      <AudioSelection guid="{guid(5)}" begin="0" end="9000">{coding(6)}</AudioSelection>
    </AudioSource>
    <PictureSource guid="{guid(7)}" name="Tavlen.jpg" path="internal://{guid(7)}.jpg"/>"""


def pdf() -> str:
    start = PAGE.index(NOTED)
    end = start + len(NOTED)
    return f"""
    <PDFSource guid="{PDF}" name="Notat.pdf" path="internal://{PDF}.pdf">
      <PDFSelection guid="{guid(8)}" page="1" firstX="1" firstY="1" secondX="9" secondY="9">
        {coding(9)}
      </PDFSelection>
      <Representation guid="{guid(10)}" name="Notat.txt">
        <PlainTextContent>{PAGE}</PlainTextContent>
        <PlainTextSelection guid="{guid(11)}" startPosition="{start}" endPosition="{end}">
          {coding(12)}
        </PlainTextSelection>
      </Representation>
    </PDFSource>"""


FILES = {
    f"sources/{TRANSCRIPT}.txt": TEXT,
    f"sources/{AUDIO}.mp3": b"ID3",
    f"sources/{guid(7)}.jpg": b"\xff\xd8",
    f"sources/{PDF}.pdf": b"%PDF-1.4",
}


def test_a_recordings_transcript_and_a_pdfs_text_are_documents(
    tmp_path: Path, project_xsd: Path
) -> None:
    qde = project(recording() + pdf())
    assert schema_errors(qde.encode(), project_xsd) == []
    report = import_qdpx(
        qdpx(tmp_path / "p.qdpx", qde, FILES), tmp_path / "p.db", anonymisation_required=False
    )
    assert (report.documents, report.codings) == (2, 2)
    warnings = "\n".join(report.warnings)
    assert "AudioSource 'Interview 1.mp3': its text is imported, its 1 selection(s) of time" in (
        warnings
    )
    assert "PDFSource 'Notat.pdf': its text is imported, its 1 selection(s) of page areas" in (
        warnings
    )
    assert "PictureSource 'Tavlen.jpg' is not imported" in warnings
    with indsigt.open_study(tmp_path / "p.db") as study:
        found = {(name, text, path, coder) for name, _, _, text, path, coder, *_ in codings(study)}
        assert found == {
            ("Interview 1.mp3", SAID, "Drivere", "Anna"),
            ("Notat.pdf", NOTED, "Drivere", "Anna"),
        }
        # the case names the recording: its transcript's speech is the case's respondent's
        assert respondents_by_document(study) == {"Interview 1.mp3": {"Respondent 1"}}


def test_a_transcript_selection_without_positions_is_left_out_and_said(tmp_path: Path) -> None:
    points = f'<SyncPoint guid="{guid(1)}" timeStamp="15000"/><SyncPoint guid="{guid(2)}"/>'
    report = import_qdpx(
        qdpx(tmp_path / "p.qdpx", project(recording(points)), FILES),
        tmp_path / "p.db",
        anonymisation_required=False,
    )
    assert (report.documents, report.codings) == (1, 0)
    assert any(
        "transcript of 'Interview 1.mp3': 1 selection(s) without a sync point" in w
        for w in report.warnings
    )


def test_a_recording_with_two_transcripts_gives_the_case_both(tmp_path: Path) -> None:
    """A case names the recording; each of its transcripts is a document of its own, spoken by
    the case's respondent. A coding of the whole recording is said, not silently lost."""
    parts = "".join(
        f'<Transcript guid="{guid(20 + n)}" name="Del {n}">'
        f"<PlainTextContent>B: Del {n} af interviewet om forventningerne.</PlainTextContent>"
        "</Transcript>"
        for n in (1, 2)
    )
    source = f'<AudioSource guid="{AUDIO}" name="Interview 1.mp3" path="internal://x.mp3">{parts}{coding(30)}</AudioSource>'
    report = import_qdpx(
        qdpx(tmp_path / "p.qdpx", project(source), {"sources/x.mp3": b"ID3"}),
        tmp_path / "p.db",
        anonymisation_required=False,
    )
    assert (report.documents, report.codings) == (2, 0)
    assert not any("refers to source" in w for w in report.warnings)
    assert (
        "AudioSource 'Interview 1.mp3': its 1 coding(s) of the whole recording are not imported"
        in "\n".join(report.warnings)
    )
    with indsigt.open_study(tmp_path / "p.db") as study:
        assert respondents_by_document(study) == {
            "Del 1": {"Respondent 1"},
            "Del 2": {"Respondent 1"},
        }
