"""The bundled FICTIONAL sample study: its files, and what an import of it gives."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml

import indsigt
from indsigt.sample import interview_files, respondents_sheet

LANGUAGES = {"dk": "da", "no": "no", "sv": "sv", "en": "en"}


def first_line(path: Path) -> str:
    """The first line of content (for WebVTT: after the WEBVTT header)."""
    if path.suffix == ".docx":
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
        return paragraphs[0]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if path.suffix == ".vtt":
        assert lines[0].startswith("WEBVTT")
        return lines[1]
    return lines[0]


@pytest.fixture(scope="module")
def sample_study(tmp_path_factory: pytest.TempPathFactory) -> Iterator[indsigt.Project]:
    path = tmp_path_factory.mktemp("sample") / "study.db"
    with indsigt.init_study(path, name="sample") as project:
        project.import_files(interview_files(), respondents=respondents_sheet())
        yield project


@pytest.fixture(scope="module")
def sample_text(sample_study: indsigt.Project) -> str:
    return "\n".join(doc.text for doc in sample_study.documents())


# -- the files ------------------------------------------------------------------------------------


def test_files() -> None:
    files = interview_files()
    assert files == sorted(files)
    prefixes = Counter(path.name[:2] for path in files)
    assert prefixes["dk"] >= 10
    assert prefixes["no"] == prefixes["sv"] == prefixes["en"] == 1
    assert {".txt", ".docx", ".vtt"} <= {path.suffix for path in files}
    assert respondents_sheet().is_file()


@pytest.mark.parametrize("path", interview_files(), ids=lambda p: p.name)
def test_every_interview_says_it_is_fictional(path: Path) -> None:
    line = first_line(path).upper()
    assert "FIKTIV" in line or "FICTIONAL" in line, line


def test_sheet_says_it_is_fictional() -> None:
    assert "FICTIONAL" in respondents_sheet().read_text(encoding="utf-8").splitlines()[0]


def test_sheet_names_every_interview() -> None:
    sheet = yaml.safe_load(respondents_sheet().read_text(encoding="utf-8"))
    stems = {path.stem for path in interview_files()}
    assert {row["document"] for row in sheet["respondents"]} == stems
    assert {row["document"] for row in sheet["interviewers"]} == stems
    assert len({row["respondent"] for row in sheet["respondents"]}) == 15


# -- imported --------------------------------------------------------------------------------------


def test_documents(sample_study: indsigt.Project) -> None:
    documents = sample_study.documents()
    assert len(documents) == 13
    assert {doc.format for doc in documents} == {"txt", "docx", "vtt"}
    for doc in documents:
        assert len(doc.text.split()) >= 1500, doc.name


def test_languages_from_the_sheet(sample_study: indsigt.Project) -> None:
    for doc in sample_study.documents():
        assert doc.language == LANGUAGES[doc.name[:2]], doc.name


def test_languages_detected_without_the_sheet(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "study.db") as project:
        project.import_files(interview_files())
        detected = {doc.name: doc.language for doc in project.documents()}
    assert detected == {path.name: LANGUAGES[path.name[:2]] for path in interview_files()}


def test_respondents(sample_study: indsigt.Project) -> None:
    respondents = sample_study.respondents()
    assert len(respondents) == 15
    assert len({r.key for r in respondents}) == 15
    assert {r.attributes["level"] for r in respondents} == {"stat", "region", "kommune"}
    for respondent in respondents:
        assert respondent.pseudonym.startswith("Respondent ")
        assert "name" not in respondent.attributes  # names are kept apart


def test_group_interview_has_three_respondents(sample_study: indsigt.Project) -> None:
    groups = []
    for doc in sample_study.documents():
        linked = {s.respondent_id for s in sample_study.speakers(doc) if s.role == "respondent"}
        if len(linked) > 1:
            groups.append((doc.name, len(linked)))
    assert groups == [("dk06_kommune_gruppeinterview.txt", 3)]


def test_speakers_are_linked(sample_study: indsigt.Project) -> None:
    respondent_ids = {r.id for r in sample_study.respondents()}
    used: set[int] = set()
    for doc in sample_study.documents():
        speakers = sample_study.speakers(doc)
        roles = Counter(s.role for s in speakers)
        assert roles["interviewer"] == 1, doc.name
        assert roles["respondent"] >= 1, doc.name
        assert roles["unknown"] == 0, doc.name
        for speaker in speakers:
            if speaker.role == "interviewer":
                assert speaker.respondent_id is None, (doc.name, speaker.label)
            else:
                assert speaker.respondent_id in respondent_ids, (doc.name, speaker.label)
                used.add(speaker.respondent_id)
    assert used == respondent_ids


def test_statistics_by_level(sample_study: indsigt.Project) -> None:
    stats = sample_study.statistics(by="level")
    segments = {row.value: row for row in stats.segments}
    assert set(segments) == {"stat", "region", "kommune"}
    assert sum(row.respondents for row in segments.values()) == 15
    assert stats.totals["documents"] == 13
    assert stats.totals["respondents"] == 15


def test_vtt_turns_have_timestamps(sample_study: indsigt.Project) -> None:
    for doc in sample_study.documents():
        if doc.format == "vtt":
            turns = sample_study.turns(doc)
            assert turns and all(t.start_ms is not None for t in turns)
            assert [t.start_ms for t in turns] == sorted(t.start_ms or 0 for t in turns)


# -- personal data for the anonymiser --------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}")
PHONE = re.compile(r"(?<![\d-])(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?![\d-])")
CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})\d{2}-\d{4}(?!\d)")


def test_sample_holds_personal_data(sample_text: str) -> None:
    assert EMAIL.search(sample_text)
    assert PHONE.search(sample_text)
    cprs = [m for m in CPR.finditer(sample_text) if 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12]
    assert cprs, "no CPR-like number (ddmmyy-xxxx)"
