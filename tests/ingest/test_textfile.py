"""Plain text and Markdown transcripts, imported end to end into a study."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.store import schema

from .helpers import import_one, roles, row_counts, turn_texts

INTERVIEW = """Interview 4 – kommunaldirektør
Dato: 12. marts 2024

I: Hvordan er jeres organisation bygget op?
R1: Vi har tre forvaltninger. Hver har sin direktør.
Det har vi haft siden 2007.
I: Hvad er den største udfordring?
R1: Rekruttering. Vi mangler sygeplejersker og lærere.
Men jeg siger: noget skal ændres i uddannelsen.
I: Tak for samtalen.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_text_interview_is_stored_turn_by_turn(study: indsigt.Project, tmp_path: Path) -> None:
    doc = import_one(study, write(tmp_path, "dk04.txt", INTERVIEW))
    assert doc.name == "dk04.txt"
    assert doc.format == "txt"
    assert doc.language == "da"
    assert doc.text == INTERVIEW
    assert turn_texts(study, doc) == [
        ("I", "Hvordan er jeres organisation bygget op?"),
        ("R1", "Vi har tre forvaltninger. Hver har sin direktør.\nDet har vi haft siden 2007."),
        ("I", "Hvad er den største udfordring?"),
        (
            "R1",
            "Rekruttering. Vi mangler sygeplejersker og lærere.\n"
            "Men jeg siger: noget skal ændres i uddannelsen.",
        ),
        ("I", "Tak for samtalen."),
    ]
    assert roles(study, doc) == {"I": "interviewer", "R1": "respondent"}
    # The preamble is in the text but in no turn.
    first = study.turns(doc)[0]
    assert doc.text.index("Dato: 12. marts 2024") < first.start


def test_passages_lie_inside_turns_and_equal_their_slice(
    study: indsigt.Project, tmp_path: Path
) -> None:
    doc = import_one(study, write(tmp_path, "dk04.txt", INTERVIEW))
    turns = {turn.id: turn for turn in study.turns(doc)}
    passages = study.passages(doc)
    assert passages
    for passage in passages:
        turn = turns[passage.turn_id]
        assert turn.start <= passage.start < passage.end <= turn.end
        assert passage.text == doc.text[passage.start : passage.end]
    assert "Rekruttering." in [p.text for p in passages]


def test_turn_unit_gives_one_passage_per_turn(study: indsigt.Project, tmp_path: Path) -> None:
    doc = import_one(study, write(tmp_path, "dk04.txt", INTERVIEW), unit="turn")
    assert doc.unit == "turn"
    assert len(study.passages(doc)) == len(study.turns(doc)) == 5


def test_respondent_speakers_get_respondents_interviewers_do_not(
    study: indsigt.Project, tmp_path: Path
) -> None:
    doc = import_one(study, write(tmp_path, "dk04.txt", INTERVIEW))
    speakers = {speaker.label: speaker for speaker in study.speakers(doc)}
    assert speakers["I"].respondent_id is None
    assert speakers["R1"].respondent_id is not None
    (respondent,) = study.respondents()
    assert respondent.id == speakers["R1"].respondent_id
    assert respondent.pseudonym == "Respondent 1"


def test_named_speakers_and_the_one_who_asks(study: indsigt.Project, tmp_path: Path) -> None:
    text = (
        "Lise Ærenlund: Hvordan startede projektet?\n"
        "Peter Højgaard: Med en idé fra borgmesteren.\n"
        "Lise Ærenlund: Hvem var med fra starten?\n"
        "Peter Højgaard: Tre afdelingschefer. Vi mødtes hver fredag.\n"
    )
    doc = import_one(study, write(tmp_path, "navne.txt", text))
    assert roles(study, doc) == {"Lise Ærenlund": "interviewer", "Peter Højgaard": "respondent"}


@pytest.mark.parametrize(
    ("label", "respondent"),
    [("INTERVIEWER", "RESPONDENT"), ("Int", "Informant"), ("I", "R1"), ("Q", "A")],
)
def test_role_label_styles(
    study: indsigt.Project, tmp_path: Path, label: str, respondent: str
) -> None:
    text = f"{label}: Hvordan går det?\n{respondent}: Det går godt.\n{label}: Fint.\n"
    doc = import_one(study, write(tmp_path, "roller.txt", text))
    assert turn_texts(study, doc) == [
        (label, "Hvordan går det?"),
        (respondent, "Det går godt."),
        (label, "Fint."),
    ]
    assert roles(study, doc) == {label: "interviewer", respondent: "respondent"}


def test_timestamped_labels_end_to_end(study: indsigt.Project, tmp_path: Path) -> None:
    text = (
        "[00:00:05] Interviewer: Velkommen til.\n"
        "[00:00:09] Mette: Tak.\n"
        "[00:01:02] Interviewer: Hvad laver du?\n"
        "[00:01:10] Mette: Jeg er afdelingschef.\n"
    )
    doc = import_one(study, write(tmp_path, "tid.txt", text))
    assert turn_texts(study, doc)[3] == ("Mette", "Jeg er afdelingschef.")
    assert roles(study, doc) == {"Interviewer": "interviewer", "Mette": "respondent"}


def test_f4transkript_times_are_no_speech(study: indsigt.Project, tmp_path: Path) -> None:
    """f4transkript ends each paragraph with its time ("#00:00:25-8#"): it was a passage of its
    own, counted as something the respondent said. Now it is the turn's end time; a mark that
    ends a paragraph inside a turn, or a sentence, is in no passage."""
    text = (
        "I: Hvad fylder mest i din hverdag? #00:00:12-3#\n\n"
        "B: Økonomien fylder meget. #00:00:20-1#\n\nOg rekrutteringen. #00:00:25-8#\n\n"
        "I: Hvorfor? #00:00:27-1#\n\n"
        "B: #00:00:28-0#\n\n"
        "B: [00:00:29] Fordi vi er en udkantskommune. #00:00:35-0# Det mærker vi."
        " #00:00:40-0#\n"
    )
    doc = import_one(study, write(tmp_path, "f4.txt", text))
    assert [p.text for p in study.passages(doc)] == [
        "Hvad fylder mest i din hverdag?",
        "Økonomien fylder meget.",
        "Og rekrutteringen.",
        "Hvorfor?",
        "Fordi vi er en udkantskommune.",
        "Det mærker vi.",
    ]
    turns = study.turns(doc)
    assert [(t.start_ms, t.end_ms) for t in turns] == [
        (None, 12300),
        (None, 25800),
        (None, 27100),
        (29000, 40000),
    ]


def test_no_labels_one_turn(study: indsigt.Project, tmp_path: Path) -> None:
    text = "Referat af mødet.\n\nVi talte om budgettet og om rekruttering.\n"
    report = study.import_files([write(tmp_path, "notat.txt", text)])
    doc = study.document(report.imported[0])
    assert turn_texts(study, doc) == [("", text.strip())]
    assert len(study.speakers(doc)) == 1
    assert report.notes == ()  # a note or a written answer: nothing to say


def test_an_interview_without_labels_says_so(study: indsigt.Project, tmp_path: Path) -> None:
    """Questions and answers with no speaker labels are one respondent's turn, questions and
    all: the import says so, and what to do."""
    text = "Hvad fylder mest hos jer?\nØkonomien.\nHvorfor?\nBudgettet er skåret.\n"
    report = study.import_files([write(tmp_path, "uden.txt", text)])
    assert report.notes == (
        "uden.txt: no speaker labels found: the whole text is one respondent's turn, and its 2 "
        "questions count as that respondent's speech; if it is an interview, label its turns "
        "('I:', 'R:', 'Name:'), `indsigt remove` it and import it again",
    )


def test_markdown_is_read_as_text(study: indsigt.Project, tmp_path: Path) -> None:
    text = "# Interview\n\n**I:** Hvordan går det?\n\nI: Hvordan går det?\nR1: Godt.\n"
    doc = import_one(study, write(tmp_path, "noter.md", text))
    assert doc.format == "md"
    assert ("R1", "Godt.") in turn_texts(study, doc)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I: What do you think?\nR1: I think that the reform is good and it is fast.\n", "en"),
        ("I: Hva synes du?\nR1: Jeg synes det er veldig bra, liksom. Ikkje dårlig.\n", "no"),
        ("I: Vad tycker du?\nR1: Jag tycker att det är bra och inte dåligt.\n", "sv"),
        ("I: Hvad synes du?\nR1: Jeg synes måske, at det er meget godt, altså.\n", "da"),
    ],
)
def test_language_is_guessed_or_given(
    study: indsigt.Project, tmp_path: Path, text: str, language: str
) -> None:
    doc = import_one(study, write(tmp_path, f"{language}.txt", text))
    assert doc.language == language
    other = import_one(study, write(tmp_path, f"{language}-2.txt", text + "\n"), language="sv")
    assert other.language == "sv"


def test_each_import_writes_one_event_per_document(study: indsigt.Project, tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", INTERVIEW)
    second = write(tmp_path, "b.txt", INTERVIEW.replace("Rekruttering", "Økonomi"))
    before = row_counts(study)
    report = study.import_files([first, second])
    assert report.imported == ("a.txt", "b.txt")
    assert report.turns == 10
    after = row_counts(study)
    assert after["event"] - before["event"] == 2
    assert after["document"] == 2
    with study.store.connect() as connection:
        actions = connection.scalars(
            sa.select(schema.event.c.action).where(schema.event.c.entity == "document")
        ).all()
    assert actions == ["document.imported", "document.imported"]


def test_same_name_different_content_gets_a_distinct_name(
    study: indsigt.Project, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "interview.txt", INTERVIEW)
    second = write(tmp_path / "b", "interview.txt", INTERVIEW.replace("2007", "2011"))
    report = study.import_files([first, second])
    assert report.imported == ("interview.txt", "interview.txt (2)")


def test_a_pdf_margins_line_numbers_are_left_out(study: indsigt.Project, tmp_path: Path) -> None:
    """pdpilot's transcripts were saved from a PDF with its margin: "69", "70", … each on a
    line of its own became passages, and "It's just 1 2 3 … 25" a quote. A run of three or
    more numbered lines goes, with a note; a number said on a line of its own stays."""
    from indsigt.ingest.textfile import without_line_numbers

    text = "I: How many?\nR: It's just\n1\n2\n\n3\n4\nthe two of us.\nI: And?\nR: 2\n"
    cleaned, gone = without_line_numbers(text)
    assert gone == 4
    assert cleaned == "I: How many?\nR: It's just\n\nthe two of us.\nI: And?\nR: 2\n"
    path = tmp_path / "margin.txt"
    path.write_text(text, encoding="utf-8")
    report = study.import_files([path])
    assert any("4 line number(s) left out" in note for note in report.notes)
    assert "It's just\n\nthe two of us." in study.document("margin.txt").text
