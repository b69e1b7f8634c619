"""A speaker's label is replaced in every form the importer reads, and the speaker's name said in
the document takes the speaker's pseudonym (issue 15: a name must not leak because it is only a
first name the tagger does not know, "Bo", "Per"; the word "per" stays)."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt


def _anonymised(tmp_path: Path, name: str, text: str, **options: object) -> tuple[str, dict]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db", language="da") as project:
        project.import_files([source])
        report = project.anonymise(**options)
        doc = project.documents()[0]
        speakers = {s.label: s.role for s in project.speakers(doc)}
        return doc.text, {"speakers": speakers, "labels": report.speaker_labels}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param(
            "teams.txt",
            "Anne Holm   0:03\nHvad fylder mest, Bo?\n\nBo Berg   0:10\nØkonomien, siger Berg.\n\n"
            "Anne Holm   0:25\nHvorfor?\n\nBo Berg   0:31\nBudgettet. Spørg bare Anne.\n",
            id="name and time above the turn (Teams)",
        ),
        pytest.param(
            "bold.md",
            "**Anne Holm:** Hvad fylder mest, Bo?\n**Bo Berg**: Økonomien, siger Berg.\n"
            "**Anne Holm:** Hvorfor?\n**Bo Berg:** Budgettet. Spørg bare Anne.\n",
            id="Markdown bold",
        ),
        pytest.param(
            "bracket.txt",
            "Anne Holm (interviewer): Hvad fylder mest, Bo?\nBo Berg (kommune): Økonomien, siger "
            "Berg.\nAnne Holm (interviewer): Hvorfor?\nBo Berg (kommune): Budgettet. Spørg bare "
            "Anne.\n",
            id="role in brackets",
        ),
        pytest.param(
            "rev.txt",
            "Anne Holm: (00:03)\nHvad fylder mest, Bo?\n\nBo Berg: (00:10)\nØkonomien, siger "
            "Berg.\n\nAnne Holm: (00:25)\nHvorfor?\n\nBo Berg: (00:31)\nBudgettet. Spørg bare "
            "Anne.\n",
            id="time after the colon (Rev)",
        ),
        pytest.param(
            "caps.txt",
            "ANNE HOLM: Hvad fylder mest, Bo?\nBO BERG: Økonomien, siger Berg.\n"
            "ANNE HOLM: Hvorfor?\nBO BERG: Budgettet. Spørg bare Anne.\n",
            id="labels in capitals",
        ),
        pytest.param(
            "word.txt",
            "[00:00:03] Anne Holm\nHvad fylder mest, Bo?\n\n[00:00:10] Bo Berg\nØkonomien, siger "
            "Berg.\n\n[00:00:25] Anne Holm\nHvorfor?\n\n[00:00:31] Bo Berg\nBudgettet. Spørg bare "
            "Anne.\n",
            id="time then name above the turn (Word)",
        ),
        pytest.param(
            "lines.txt",
            "Anne Holm\nHvad fylder mest, Bo?\n\nBo Berg\nØkonomien, siger Berg.\n\nAnne Holm\n"
            "Hvorfor?\n\nBo Berg\nBudgettet. Spørg bare Anne.\n",
            id="name alone above the turn",
        ),
    ],
)
def test_no_name_of_a_speaker_is_left(tmp_path: Path, name: str, text: str) -> None:
    # No detector but the speakers' own names: what is replaced here is the labels' work.
    anonymised, found = _anonymised(tmp_path, name, text, detectors=[])
    for said in ("Anne", "Holm", "Bo", "Berg"):
        assert said not in anonymised.replace("Budgettet", ""), (said, anonymised)
    assert set(found["speakers"].values()) == {"interviewer", "respondent"}
    assert found["labels"] == 4
    respondent = next(k for k, v in found["speakers"].items() if v == "respondent")
    assert f"Hvad fylder mest, {respondent}?" in anonymised  # "Bo": the speaker's pseudonym
    assert f"Økonomien, siger {respondent}." in anonymised
    assert "Spørg bare Interviewer." in anonymised


def test_a_one_word_label_is_the_name_as_written_not_the_word(tmp_path: Path) -> None:
    anonymised, found = _anonymised(
        tmp_path,
        "per.txt",
        "Interviewer: Hvor mange per dag, Per?\nPer: Ti per dag.\nInterviewer: Tak, Per.\n"
        "Per: Selv tak. Spørg IP om resten.\nIP: Ja.\n",
        detectors=[],
    )
    respondent = next(k for k, v in found["speakers"].items() if k.startswith("Deltager A"))
    assert anonymised.count(" per dag") == 2 and "Per" not in anonymised
    assert f"Hvor mange per dag, {respondent}?" in anonymised
    assert f"Tak, {respondent}." in anonymised
    assert "Spørg IP om resten." in anonymised  # initials are no name to look for


def test_a_role_with_a_number_or_letter_is_no_name_to_look_for(tmp_path: Path) -> None:
    """ "Kommune A:" and "Kvinde 1:" label a speaker by role: their words stay in the text."""
    anonymised, _ = _anonymised(
        tmp_path,
        "roller.txt",
        "Interviewer: Hvad siger I?\nKommune A: Kommune og region er enige.\n"
        "Kvinde 1: Kvinde eller mand, det er lige meget.\nInterviewer: Tak.\n"
        "Kommune A: Ja.\nKvinde 1: Ja.\n",
        detectors=[],
    )
    assert "Kommune og region er enige." in anonymised
    assert "Kvinde eller mand, det er lige meget." in anonymised


def test_a_groups_label_and_a_name_labelling_once(tmp_path: Path) -> None:
    """A focus group: "Alle:" (the chorus) was a respondent whose "name" took a pseudonym in
    the text ("Alle kommuner" → "Deltager B kommuner"); "Kim:", a first name that is also a
    word, labelling one turn only, stayed in the text (and its words were the moderator's)."""
    text = (
        "Moderator: Hvad synes I om digitaliseringen?\n\n"
        "Mette: Alle kommuner har travlt med det.\n\nAlle: Ja!\n\n"
        "Moderator: Og borgerne?\n\nKim: Alle borgere skal kunne følge med.\n\n"
        "Alle: Helt enig.\n\nMette: Participants i projektet var ældre.\n"
    )
    anonymised, found = _anonymised(tmp_path, "fokus.txt", text)
    assert found["speakers"] == {
        "Interviewer": "interviewer",
        "Deltager A": "respondent",
        "Deltager B": "respondent",  # Kim, who speaks once, is a respondent of their own
        "Alle": "unknown",  # its label kept: no one's name, and no respondent to count
    }
    assert "Alle kommuner har travlt" in anonymised and "Alle borgere" in anonymised
    assert "Participants i projektet" in anonymised
    assert "Kim" not in anonymised
    # a label the turn parser does not take (the words after it begin in lower case) is still
    # a name to the anonymiser
    said = text.replace("Kim: Alle borgere", "Kim: alle borgere")
    (tmp_path / "lower").mkdir()
    anonymised, found = _anonymised(tmp_path / "lower", "fokus.txt", said)
    assert "Deltager B" not in found["speakers"]
    assert "Kim" not in anonymised and "alle borgere" in anonymised


def test_a_first_name_that_is_a_word_is_masked_where_it_opens_a_sentence(tmp_path: Path) -> None:
    """An English interview: "with Will. Will and I, we paired on it" kept the second "Will"."""
    text = (
        "Interviewer: So, uh, how did you first hear about the tool?\n"
        "Respondent: Yeah. Um, so, my manager, uh, Mark, he sent it to me. Like, Mark "
        "Thompson, he's, uh, our team lead.\n"
        "Interviewer: Okay.\n"
        "Respondent: And then, um, I talked to, uh, Jennifer about it.\n"
        "Interviewer: Mm-hmm. And did you use it with anyone else?\n"
        "Respondent: Uh, yeah, with Will. Will and I, we, uh, we paired on it.\n"
    )
    anonymised, _ = _anonymised(tmp_path, "interview.txt", text)
    assert "Will" not in anonymised and "Mark" not in anonymised
