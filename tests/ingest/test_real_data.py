"""Real data from ../shared/data, read in place: the PDPilot interviews (text and PDF) and the
GENNOVATE focus-group transcripts (CSV, partly cp1252)."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import indsigt
from conftest import shared
from indsigt.errors import ImportFailed
from indsigt.ingest.groupcodes import split_code
from indsigt.records import Document

from .helpers import roles, row_counts, turn_texts

PDPILOT = [f"P{number}" for number in range(1, 8)]
KIND = "quote or transcriber's summary"


def _pdpilot(folder: str, suffix: str) -> list[Path]:
    paths = [shared("pdpilot-interviews", folder, f"{name}{suffix}") for name in PDPILOT]
    assert all(path.is_file() for path in paths)
    return paths


def _gennovate() -> list[Path]:
    """Every focus-group transcript (TRANSCRIPT_* and Transcript_*), not the empty template."""
    folder = shared("gennovate-focusgroups", "transcripts")
    paths = sorted(
        path
        for path in folder.glob("*.csv")
        if path.name.lower().startswith("transcript_") and "communitycode" not in path.name
    )
    assert len(paths) == 14, [path.name for path in paths]
    return paths


@pytest.fixture(scope="module")
def real_study(tmp_path_factory: pytest.TempPathFactory) -> Iterator[indsigt.Project]:
    """One study holding all the real data, imported once for this module."""
    path = tmp_path_factory.mktemp("real") / "study.db"
    with indsigt.init_study(path, name="real") as project:
        report = project.import_files(_pdpilot("transcripts_txt", ".txt"))
        assert report.imported == tuple(f"{name}.txt" for name in PDPILOT)
        report = project.import_files(_pdpilot("transcripts_pdf", ".pdf"))
        assert report.imported == tuple(f"{name}.pdf" for name in PDPILOT)
        report = project.import_files(_gennovate())
        assert report.imported == tuple(path.name for path in _gennovate())
        yield project


def _words(text: str) -> str:
    return " ".join(text.split())


# -- PDPilot: interviews by "Dan" with one "Participant" each ---------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", PDPILOT)
def test_pdpilot_text_two_speakers(real_study: indsigt.Project, name: str) -> None:
    doc = real_study.document(f"{name}.txt")
    assert doc.format == "txt"
    assert doc.language == "en"
    assert roles(real_study, doc) == {"Dan": "interviewer", "Participant": "respondent"}
    # Every "Dan:" / "Participant:" line of the source opens one turn.
    source = shared("pdpilot-interviews", "transcripts_txt", f"{name}.txt").read_text("utf-8")
    labels = Counter(re.findall(r"^(Dan|Participant):", source, flags=re.MULTILINE))
    assert Counter(label for label, _ in turn_texts(real_study, doc)) == labels
    # The heading "Interview" is a preamble, not a turn.
    assert doc.text.startswith("Interview\n")
    assert real_study.turns(doc)[0].start > len("Interview")


def test_pdpilot_spot_check(real_study: indsigt.Project) -> None:
    turns = turn_texts(real_study, real_study.document("P1.txt"))
    assert turns[:4] == [
        (
            "Dan",
            "Okay. So now you can stop sharing your screen and then we'll just end up with a few "
            "questions that I have for you.",
        ),
        ("Participant", "Okay."),
        ("Dan", "Okay. Okay. So my first question is if you currently use ICE plots in your work?"),
        (
            "Participant",
            "Ah, yeah. Not all the time, so it's not the main thing we do, but in our initial "
            "data explorations, we tend to use\nICE plots.",
        ),
    ]


def test_pdpilot_respondents_and_passages(real_study: indsigt.Project) -> None:
    for name in PDPILOT:
        doc = real_study.document(f"{name}.txt")
        speakers = {s.label: s for s in real_study.speakers(doc)}
        assert speakers["Dan"].respondent_id is None
        assert speakers["Participant"].respondent_id is not None
        for passage in real_study.passages(doc)[:50]:
            assert passage.text == doc.text[passage.start : passage.end]


@pytest.mark.parametrize("name", PDPILOT)
def test_pdpilot_pdf_two_speakers(real_study: indsigt.Project, name: str) -> None:
    pdf = real_study.document(f"{name}.pdf")
    assert pdf.format == "pdf"
    assert pdf.metadata["pages"] >= 5
    assert roles(real_study, pdf) == {"Dan": "interviewer", "Participant": "respondent"}
    assert "\t" not in pdf.text  # pypdf's word-separating tabs are spaces
    pdf_turns = turn_texts(real_study, pdf)
    txt_turns = turn_texts(real_study, real_study.document(f"{name}.txt"))
    # Lines at page breaks can repeat in the PDF's text layer: a turn or two more at most.
    assert 0 <= len(pdf_turns) - len(txt_turns) <= 2
    # The opening of the interview reads the same as the text transcript.
    opening = zip(pdf_turns[:5], txt_turns[:5], strict=True)
    for (pdf_label, pdf_text), (txt_label, txt_text) in opening:
        assert pdf_label == txt_label
        assert _words(pdf_text) == _words(txt_text)


def test_pdpilot_pdf_spot_check(real_study: indsigt.Project) -> None:
    turns = turn_texts(real_study, real_study.document("P1.pdf"))
    assert turns[2] == (
        "Dan",
        "Okay. Okay. So my first question is if you currently use ICE plots in your work?",
    )
    assert ("Participant", "Yeah, we use PDP and ICE plots.") in turns


def test_reimporting_real_data_is_a_no_op(real_study: indsigt.Project) -> None:
    before = row_counts(real_study)
    report = real_study.import_files(_pdpilot("transcripts_txt", ".txt")[:2] + _gennovate()[:2])
    assert report.imported == ()
    assert len(report.skipped) == 4
    assert row_counts(real_study) == before


# -- GENNOVATE focus groups -------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """The sheet read independently of indsigt: UTF-8 if it decodes, else cp1252."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return list(csv.DictReader(io.StringIO(text)))


def _participants(project: indsigt.Project, doc: Document) -> list[str]:
    return [text for label, text in turn_texts(project, doc) if label == "Participants"]


def _said(cell: str, coded: bool) -> str:
    return split_code(cell.strip()).utterance if coded else cell.strip()


@pytest.mark.parametrize("path", _gennovate(), ids=lambda path: path.name)
def test_gennovate_participants_turns_match_the_transcript_column(
    real_study: indsigt.Project, path: Path
) -> None:
    doc = real_study.document(path.name)
    assert doc.format == "csv"
    assert doc.metadata == {"layout": "gennovate"}
    assert "\ufffd" not in doc.text
    assert roles(real_study, doc)["Participants"] == "respondent"

    rows = _csv_rows(path)
    # PK1's quotes begin with the member's code ("R.2. …"): it is the turn's label, not text.
    coded = "PK1" in path.name
    cells = [_said(row["transcript"], coded) for row in rows if row["transcript"].strip()]
    quotes = [
        _said(row["transcript"], coded)
        for row in rows
        if row[KIND].strip().lower() == "quote" and row["transcript"].strip()
    ]
    participants = _participants(real_study, doc)
    guide = _guide_lines(real_study, path)
    assert participants
    # Every participants' turn is one transcript cell, verbatim and in order, and every row
    # marked "quote" is one of them — or a line of the guide copied into a quote row (a note).
    assert all(turn in cells for turn in participants)
    assert all(quote in participants or quote in guide for quote in quotes)
    assert [t for t in participants if t in quotes] == [q for q in quotes if q not in guide]


def _guide_lines(project: indsigt.Project, path: Path) -> set[str]:
    """The notes of a GENNOVATE sheet that come from quote rows: the guide's lines, the
    transcriber's asides and table headings (BD4 M's "[All participants have agreed]" is a
    summary row once and a quote row four times)."""
    doc = project.document(path.name)
    notes = {text for label, text in turn_texts(project, doc) if label == "Transcriber"}
    rows = _csv_rows(path)
    summaries = {r["transcript"].strip() for r in rows if "summary" in r[KIND].lower()}
    quotes = {r["transcript"].strip() for r in rows if r[KIND].strip().lower() == "quote"}
    return notes - (summaries - quotes)


def test_gennovate_pk1_member_codes_are_labels(real_study: indsigt.Project) -> None:
    doc = real_study.document("TRANSCRIPT_PK1_PK1E_M.csv")
    said = _participants(real_study, doc)
    assert "Women have not ideas how to sell vegetables." in said
    assert not [t for t in said if re.match(r"R\W{0,2}\d", t)]
    assert "\nR 3: Women have not ideas how to sell vegetables.\n" in doc.text


def test_gennovate_quotes_decoded_from_cp1252(real_study: indsigt.Project) -> None:
    checks = {
        "Transcript_PK5_PK5E_F.csv": (
            "We here in village have no freedom in our lives. Yes sometimes when we go to XX or "
            "XX so we have some freedom like we don’t veil ourselves there."
        ),
        "Transcript_ET1_ET1E_F.csv": (
            "They can create job for themselves, and engage in businesses. If they open up small "
            "café for example, they will work and also give work opportunity for others."
        ),
    }
    for name, quote in checks.items():
        assert quote in _participants(real_study, real_study.document(name))
    bd4 = real_study.document("TRANSCRIPT_BD4_BD4E_F.csv")
    assert "We have a “XX” in the village." in bd4.text
    for doc in real_study.documents():
        assert "\ufffd" not in doc.text, doc.name


def test_gennovate_transcriber_summaries_are_not_participants(
    real_study: indsigt.Project,
) -> None:
    doc = real_study.document("TRANSCRIPT_BD3_BD3E_F.csv")
    turns = turn_texts(real_study, doc)
    assert turns[0] == ("Transcriber", "“Ladder of Power and Freedom” Total: 11 Votes")
    assert roles(real_study, doc) == {"Transcriber": "note", "Participants": "respondent"}
    speakers = {s.label: s for s in real_study.speakers(doc)}
    assert speakers["Transcriber"].respondent_id is None


def test_gennovate_guide_lines_in_quote_rows_are_notes(real_study: indsigt.Project) -> None:
    """Of the 1,863 rows marked "quote", the guide's own lines become notes — a module's
    heading and a numbered question —, and so do the transcriber's asides wholly in brackets
    and an activity table's heading ending in its colon; nothing else (the rule is no sieve
    for short quotes: "New machinery in agriculture" stays the group's)."""
    found = []
    for path in _gennovate():
        guide = _guide_lines(real_study, path)
        found += [
            row["transcript"].strip()[:12]
            for row in _csv_rows(path)
            if row[KIND].strip().lower() == "quote" and row["transcript"].strip() in guide
        ]
    assert sorted(found) == sorted(
        ["E.7    What ", "E.26    How ", "E.27    Do y", "E.47    At w"]
        + ["Module 2.  G"] * 3
        + ["[All partici"] * 4  # BD4 M: "[All participants have agreed]"
        + ["Most importa", "Two most imp"]  # BD4 M, ET1 F: "… 10 years ago:", "… are:"
    )
    pk5 = real_study.document("Transcript_PK5_PK5E_F.csv")
    assert "New machinery in agriculture" in _participants(real_study, pk5)


def test_gennovate_template_without_rows_is_an_error(study: indsigt.Project) -> None:
    template = shared(
        "gennovate-focusgroups", "transcripts", "TRANSCRIPT_communitycode_documentcode.csv"
    )
    with pytest.raises(ImportFailed, match="TRANSCRIPT_communitycode"):
        study.import_files([template])


def test_show_names_the_member_who_speaks(real_study: indsigt.Project) -> None:
    """`indsigt show` prints a focus-group turn under its group and its member's code."""
    from click.testing import CliRunner

    from indsigt.cli import main

    result = CliRunner().invoke(
        main, ["show", real_study.store.location, "TRANSCRIPT_PK1_PK1E_M.csv", "--json"]
    )
    assert result.exit_code == 0, result.output
    turns = json.loads(result.output)["turns"]
    spoken = {t["text"]: t for t in turns}
    said = spoken["Women have not ideas how to sell vegetables."]
    assert (said["speaker"], said["label"]) == ("Participants", "R 3")
    result = CliRunner().invoke(main, ["show", real_study.store.location, "P1.txt"])
    assert result.exit_code == 0, result.output
    assert " · " not in result.output.split("\n\n")[1].splitlines()[0]  # "Dan (interviewer)"
