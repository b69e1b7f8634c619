"""Focus-group members' codes at the start of a GENNOVATE quote become the turn's label."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.ingest.groupcodes import split_code

from .helpers import roles, turn_texts

HEADER = ("data_container", "transcript", "quote or transcriber's summary")


def _sheet(tmp_path: Path, quotes: list[str], name: str = "TRANSCRIPT_XX1_XX1E_F.csv") -> Path:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow(("E.1", "Respondents cast 10 votes.", "transcriber’s summary"))
    for quote in quotes:
        writer.writerow(("E.2", quote, "quote"))
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "label", "utterance"),
    [
        ("R 7-6 I am from well off family.", "R 7-6", "I am from well off family."),
        ("R 1 We have no authority.", "R 1", "We have no authority."),
        ("R.1 I am interested.", "R 1", "I am interested."),
        (
            "R.3.Women have not ideas how to sell vegetables.",
            "R 3",
            "Women have not ideas how to sell vegetables.",
        ),
        ("R.4 When we returned.", "R 4", "When we returned."),
        ("R1: Our elders decide.", "R 1", "Our elders decide."),
        ("R-2 Yes.", "R 2", "Yes."),
        ("R.1.: If the education is in town.", "R 1", "If the education is in town."),
        ("R3 : No young women alone.", "R 3", "No young women alone."),
        ("R5= I think this should be 22.", "R 5", "I think this should be 22."),
        ("R.1 = Whatever they say.", "R 1", "Whatever they say."),
        ("R,8     Men have full authority.", "R 8", "Men have full authority."),
        ("R4, Men and women work together.", "R 4", "Men and women work together."),
        ("R 5,6,7,3 The same response", "R 5, 6, 7, 3", "The same response"),
        ("R.2,4,5,6,7,8. We are still studying.", "R 2, 4, 5, 6, 7, 8", "We are still studying."),
        ("R 1, R5, R8 Everything according to him.", "R 1, 5, 8", "Everything according to him."),
        ("R 1 23 years", "R 1", "23 years"),
    ],
)
def test_a_members_code_is_split_off(text: str, label: str, utterance: str) -> None:
    split = split_code(text)
    assert (split.label, split.utterance) == (label, utterance)


@pytest.mark.parametrize(
    "text",
    [
        "R 500 was the price of a bag.",  # three digits: an amount, not a member
        "R 4.2 was the version we used.",  # a decimal
        "Rice 5 kg for each family.",
        "R 7",  # a code and nothing said
        "R7",
        "Ramadan 2 weeks ago.",
        "RS 50 for a day.",
    ],
)
def test_ordinary_text_is_no_code(text: str) -> None:
    assert split_code(text).label is None


def test_codes_become_turn_labels_and_the_group_stays_the_speaker(
    study: indsigt.Project, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path,
        [
            "R 7-6 I am from well off family.",
            "R.3.Women have not ideas how to sell vegetables.",
            "We all agree on this.",
            "R5= I think this should be 22.",
        ],
    )
    doc = study.document(study.import_files([path]).imported[0])
    assert turn_texts(study, doc) == [
        ("Transcriber", "Respondents cast 10 votes."),
        ("Participants", "I am from well off family."),
        ("Participants", "Women have not ideas how to sell vegetables."),
        ("Participants", "We all agree on this."),
        ("Participants", "I think this should be 22."),
    ]
    assert roles(study, doc) == {"Transcriber": "note", "Participants": "respondent"}
    assert "\nR 7-6: I am from well off family.\n" in doc.text
    assert "\nR 3: Women have not ideas" in doc.text
    assert "\nParticipants: We all agree on this.\n" in doc.text
    assert len(study.respondents()) == 1  # the group, not one respondent per code


def test_a_sheet_without_the_habit_keeps_a_quote_that_looks_like_a_code(
    study: indsigt.Project, tmp_path: Path
) -> None:
    quotes = ["R 50 was the price of a bag.", *(f"We sell milk on day {n}." for n in range(5))]
    doc = study.document(study.import_files([_sheet(tmp_path, quotes)]).imported[0])
    assert ("Participants", "R 50 was the price of a bag.") in turn_texts(study, doc)


def test_codes_survive_anonymisation_as_codes(study: indsigt.Project, tmp_path: Path) -> None:
    """A code is a label, not a speaker: the anonymiser neither pseudonymises it nor turns it
    into a respondent of its own ("Respondent B" for a member of group A)."""
    path = _sheet(tmp_path, ["R 7 He listens to me.", "R.2. We decide together.", "Yes."])
    study.import_files([path])
    study.anonymise(detectors=[])
    doc = study.documents()[0]
    labels = [speaker.label for speaker in study.speakers(doc)]
    # the group has its pseudonym; the transcriber is a role, no person ("Person 1")
    assert sorted(labels) == ["Focus group A", "Transcriber"]
    assert "\nR 7: He listens to me.\n" in doc.text
    assert "\nR 2: We decide together.\n" in doc.text
    assert len(study.respondents()) == 1
