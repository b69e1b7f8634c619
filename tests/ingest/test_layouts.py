"""Real interviews in the layouts transcription tools and people write: the PDPilot interviews
(../shared/data) and the sample study's text transcripts, each re-written in every layout the
importer reads — Teams, Word's transcription, Zoom, names alone above the turn, capitals, tabs,
Markdown bold, timed labels, role words before a dash, numbered speakers, names in brackets
(WhisperX), a span of two times before the label (Whisper's console, Transcribo), f4transkript's
time after each paragraph, and as Word,
OpenDocument, RTF and HTML files — must be cut into the same turns as the original: the same
speakers in the same order, the same words in each turn."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

import indsigt
from conftest import shared
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.registry import importer_for
from indsigt.ingest.turns import clock, find_turns

from .helpers import write_docx

SAMPLE = Path(indsigt.__file__).parent / "sample" / "interviews"
Turns = list[tuple[str, str]]


def _interviews() -> list[Path]:
    pdpilot = shared("pdpilot-interviews", "transcripts_txt")
    return [*sorted(pdpilot.glob("P*.txt")), *sorted(SAMPLE.glob("*.txt"))]


def _turns(path: Path) -> Turns:
    """(speaker, words) of each turn as the importer cuts the original file."""
    doc = importer_for(path).parse(path, path.read_bytes(), options=ImportOptions())[0]
    return [(t.speaker, " ".join(doc.text[t.start : t.end].split())) for t in doc.turns]


def _layout(turns: Turns, layout: str) -> tuple[str, dict[str, str]]:
    """The interview written in ``layout``, and each written label → the original label."""
    first = turns[0][0]
    speakers = list(dict.fromkeys(speaker for speaker, _ in turns))
    written: dict[str, str] = {}
    lines = []
    for index, (speaker, said) in enumerate(turns):
        ms = 3000 + index * 7000
        number = speakers.index(speaker) + 1
        label = {
            "caps": speaker.upper(),
            "dash": "I" if speaker == first else f"R{number}",
            "numbered": f"Speaker {number}",
        }.get(layout, speaker)
        written[label] = speaker
        lines.append(
            {
                "teams": f"{label}   {clock(ms)}\n{said}\n",
                "word": f"{clock(ms)} {label}\n{said}\n",
                "zoom": f"[{label}] {clock(ms + 36_000_000)}\n{said}\n",
                "alone": f"{label}\n{said}\n",
                "caps": f"{label}: {said}",
                "tab": f"{label}\t{said}",
                "bold": f"**{label}:** {said}",
                "timed": f"[{clock(ms)}] {label}: {said}",
                "dash": f"{label} - {said}",
                "numbered": f"{label}: [{clock(ms)}] {said}",
                "bracketed": f"[{label}]: {said}",
                "span": f"[{clock(ms)} --> {clock(ms + 5000)}] {label}: {said}",
                "transcribo": f"[{clock(ms)} → {clock(ms + 5000)}] **{label}:** {said}",
                "f4": f"{label}: {said} #{clock(ms)}-{index % 10}#\n",  # f4transkript
            }[layout]
        )
    return "Interview\n\n" + "\n".join(lines) + "\n", written


TEXT_LAYOUTS = [
    *("teams", "word", "zoom", "alone", "caps", "tab", "bold", "timed", "dash", "numbered"),
    *("bracketed", "span", "transcribo", "f4"),
]


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_interview_in_every_text_layout(layout: str) -> None:
    for path in _interviews():
        original = _turns(path)
        text, written = _layout(original, layout)
        found = find_turns(text)
        cut = [
            (written.get(t.speaker, t.speaker), " ".join(text[t.start : t.end].split()))
            for t in found
        ]
        assert cut == original, (path.name, layout)
        if layout == "f4":  # the time f4transkript writes after a paragraph is its turn's end
            ends = [3000 + k * 7000 + 100 * (k % 10) for k in range(len(found))]
            assert [t.end_ms for t in found] == ends
        if layout in ("span", "transcribo"):  # the span's end is the turn's end
            assert all(t.start_ms is not None for t in found)
            assert all(t.end_ms == t.start_ms + 5000 for t in found if t.start_ms is not None)


def test_numbered_speakers_keep_the_interviewer(tmp_path: Path) -> None:
    """A diarised recording names nobody ("Speaker 1", "Speaker 2"): the interviewer is still
    told apart — in every interview here, the one who asks most and says least. Before, two
    PDPilot interviews had both speakers as respondents (the interviewer's questions counted
    as answers)."""
    for path in _interviews():
        parsed = importer_for(path).parse(path, path.read_bytes(), options=ImportOptions())[0]
        text, written = _layout(_turns(path), "numbered")
        target = tmp_path / f"{path.stem}.txt"
        target.write_text(text, encoding="utf-8")
        roles = importer_for(target).parse(target, target.read_bytes(), options=ImportOptions())
        found = {written[label]: role for label, role in roles[0].roles.items()}
        assert found == {label: parsed.roles[label] for label in found}, path.name


def _bold_names(turns: Turns) -> str:
    return "\n\n".join(f"**{speaker}**\n\n{said}" for speaker, said in turns) + "\n"


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".rtf", ".html"])
def test_every_pdpilot_interview_as_a_word_processor_file(tmp_path: Path, suffix: str) -> None:
    """Written by python-docx (a bold name on its own paragraph above the turn) and by pandoc
    (OpenDocument, RTF and HTML, from Markdown with the names in bold)."""
    for path in _interviews()[:7]:
        original = _turns(path)
        target = tmp_path / f"{path.stem}{suffix}"
        if suffix == ".docx":

            def build(document: Any, turns: Turns = original) -> None:
                for speaker, said in turns:
                    document.add_paragraph().add_run(speaker).bold = True
                    document.add_paragraph(said)

            write_docx(target, build)
        else:
            source = tmp_path / f"{path.stem}.md"
            source.write_text(_bold_names(original), encoding="utf-8")
            subprocess.run(
                ["pandoc", "-f", "markdown-smart", str(source), "-s", "-o", str(target)], check=True
            )
        assert _turns(target) == original, (path.name, suffix)
