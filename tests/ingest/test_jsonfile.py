"""JSON transcripts from speech-to-text tools run on the user's machine (Whisper, WhisperX,
whisper.cpp) or a service (AssemblyAI): the real PDPilot interviews (../shared/data) written in
each tool's JSON must be cut into their turns, with times; what is not such a transcript is
refused naming the file, or left out of a folder import with a note."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import indsigt
from conftest import shared
from indsigt.cli import main
from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.jsonfile import NO_SPEAKERS, JsonImporter
from indsigt.ingest.registry import importer_for

Turns = list[tuple[str, str]]


def _interviews() -> list[Path]:
    return sorted(shared("pdpilot-interviews", "transcripts_txt").glob("P*.txt"))


def _turns(path: Path) -> Turns:
    """(speaker, words) of each turn, consecutive turns of one speaker joined (a JSON
    transcript has segments, not turns: one speaker's segments in a row are one turn)."""
    doc = importer_for(path).parse(path, path.read_bytes(), options=ImportOptions())[0]
    out: Turns = []
    for turn in doc.turns:
        said = " ".join(doc.text[turn.start : turn.end].split())
        if out and out[-1][0] == turn.speaker:
            out[-1] = (turn.speaker, f"{out[-1][1]} {said}")
        else:
            out.append((turn.speaker, said))
    return out


def _sentences(said: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", said) if s]


def _whisperx(turns: Turns) -> dict[str, Any]:
    """WhisperX with --diarize: a segment per sentence, times in seconds, a speaker on each
    segment and word — but every fifth segment without its own speaker (diarisation left it
    out; its words have one) and every seventh without any (it takes the one before)."""
    speakers = list(dict.fromkeys(speaker for speaker, _ in turns))
    segments, clock = [], 1.25
    for speaker, said in turns:
        label = f"SPEAKER_{speakers.index(speaker):02d}"
        for sentence in _sentences(said):
            end = clock + 0.3 * len(sentence.split())
            words = [
                {"word": w, "start": clock, "end": end, "speaker": label} for w in sentence.split()
            ]
            segment: dict[str, Any] = {"start": clock, "end": end, "text": f" {sentence}"}
            number = len(segments)
            if number % 7 == 6 and sentence != _sentences(said)[0]:
                segment["words"] = [{k: v for k, v in w.items() if k != "speaker"} for w in words]
            elif number % 5 == 4:
                segment["words"] = words
            else:
                segment |= {"speaker": label, "words": words}
            segments.append(segment)
            clock = end + 0.5
    return {"segments": segments, "word_segments": [], "language": "en"}


def _assemblyai(turns: Turns) -> dict[str, Any]:
    speakers = list(dict.fromkeys(speaker for speaker, _ in turns))
    utterances = [
        {
            "speaker": "ABCDEFGHIJ"[speakers.index(speaker)],
            "start": 2000 * k,
            "end": 2000 * k + 1500,
            "text": said,
            "confidence": 0.9,
        }
        for k, (speaker, said) in enumerate(turns)
    ]
    return {
        "id": "x",
        "status": "completed",
        "text": " ".join(s for _, s in turns),
        "utterances": utterances,
    }


def _parse(path: Path, content: object) -> Any:
    data = json.dumps(content, ensure_ascii=False).encode()
    path.write_bytes(data)
    return JsonImporter().parse(path, data, options=ImportOptions())[0]


def _cut(doc: Any) -> Turns:
    return [(t.speaker, " ".join(doc.text[t.start : t.end].split())) for t in doc.turns]


def test_every_pdpilot_interview_as_whisperx_json(tmp_path: Path) -> None:
    for path in _interviews():
        original = _turns(path)
        doc = _parse(tmp_path / f"{path.stem}.json", _whisperx(original))
        speakers = list(dict.fromkeys(speaker for speaker, _ in original))
        named = [(speakers[int(s.removeprefix("SPEAKER_"))], said) for s, said in _cut(doc)]
        assert named == original, path.name
        assert doc.turns[0].start_ms == 1250
        assert all(t.end_ms is not None and t.end_ms > t.start_ms for t in doc.turns)
        assert doc.metadata["transcriber_language"] == "en"
        assert doc.roles == {"SPEAKER_00": "interviewer", "SPEAKER_01": "respondent"}
        assert NO_SPEAKERS not in doc.notes


def _whisperx_pairs(turns: Turns) -> dict[str, Any]:
    """WhisperX as it often cuts a conversation: two sentences a segment, across a change of
    speaker too ("Okay, thank you. Yes, I use it daily."), the segment's speaker the first
    sentence's and each word its own; in every third sentence one word diarisation gave the
    other voice."""
    speakers = list(dict.fromkeys(speaker for speaker, _ in turns))
    said = [
        (f"SPEAKER_{speakers.index(speaker):02d}", sentence)
        for speaker, text in turns
        for sentence in _sentences(text)
    ]
    segments, clock = [], 0.0
    for first in range(0, len(said), 2):
        words = []
        for number, (label, sentence) in enumerate(said[first : first + 2], start=first):
            for k, word in enumerate(sentence.split()):
                other = "SPEAKER_01" if label == "SPEAKER_00" else "SPEAKER_00"
                flip = number % 3 == 0 and k == 1 and len(sentence.split()) > 3
                words.append(
                    {
                        "word": word,
                        "start": clock,
                        "end": clock + 0.2,
                        "speaker": other if flip else label,
                    }
                )
                clock += 0.3
        text = " ".join(w["word"] for w in words)
        segments.append(
            {"start": words[0]["start"], "end": words[-1]["end"], "text": f" {text}",
             "speaker": said[first][0], "words": words}
        )  # fmt: skip
    return {"segments": segments, "language": "en"}


def test_a_whisperx_segment_two_speakers_say_is_cut_between_their_sentences(
    tmp_path: Path,
) -> None:
    """Before, the segment's one speaker took both sentences: in P1, the interviewer's
    "Okay." and the respondent's next answer were one speaker's."""
    for path in _interviews():
        # a sentence is what the cut knows: a turn left unfinished ("… histogram" before the
        # interviewer's "Mhm.") is given its full stop, else it is one sentence with the next
        original = [(s, t if t.endswith((".", "?", "!")) else f"{t}.") for s, t in _turns(path)]
        doc = _parse(tmp_path / f"{path.stem}.json", _whisperx_pairs(original))
        speakers = list(dict.fromkeys(speaker for speaker, _ in original))
        named = [(speakers[int(s.removeprefix("SPEAKER_"))], said) for s, said in _cut(doc)]
        merged: Turns = []
        for speaker, said in named:  # a turn may span segments: join them as _turns does
            if merged and merged[-1][0] == speaker:
                merged[-1] = (speaker, f"{merged[-1][1]} {said}")
            else:
                merged.append((speaker, said))
        assert merged == original, path.name
        assert all(t.end_ms is not None and t.end_ms >= t.start_ms for t in doc.turns)


def test_every_pdpilot_interview_as_assemblyai_json(tmp_path: Path) -> None:
    for path in _interviews():
        original = _turns(path)
        doc = _parse(tmp_path / f"{path.stem}.json", _assemblyai(original))
        assert [said for _, said in _cut(doc)] == [said for _, said in original], path.name
        assert {t.speaker for t in doc.turns} <= {f"Speaker {c}" for c in "ABCDEFGHIJ"}
        assert (doc.turns[1].start_ms, doc.turns[1].end_ms) == (2000, 3500)


def test_whisper_and_whisper_cpp_without_speakers_are_one_turn_and_say_so(
    tmp_path: Path,
) -> None:
    said = ["Vi har skåret i administrationen.", "Men det er svært."]
    whisper = {
        "text": " ".join(said),
        "language": "da",
        "segments": [
            {
                "id": k,
                "seek": 0,
                "start": 2.0 * k,
                "end": 2.0 * k + 1.5,
                "text": f" {s}",
                "tokens": [1, 2],
                "avg_logprob": -0.2,
                "no_speech_prob": 0.01,
            }
            for k, s in enumerate(said)
        ],
    }
    cpp = {
        "result": {"language": "da"},
        "transcription": [
            {
                "timestamps": {"from": "00:00:00,000", "to": "00:00:01,500"},
                "offsets": {"from": 2000 * k, "to": 2000 * k + 1500},
                "text": f" {s}",
            }
            for k, s in enumerate(said)
        ],
    }
    for name, content in (("whisper", whisper), ("cpp", cpp), ("list", whisper["segments"])):
        doc = _parse(tmp_path / f"{name}.json", content)
        assert _cut(doc) == [("", " ".join(said))], name
        assert (doc.turns[0].start_ms, doc.turns[0].end_ms) == (0, 3500)
        assert NO_SPEAKERS in doc.notes


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"segments": [{"start": 0, "end": 1, "text": "Hej"}', "broken JSON at line 1, column"),
        ('{"settings": {"theme": "dark"}}', "not a transcript: JSON without 'segments'"),
        ("[1, 2, 3]", "not a transcript"),
        ('{"segments": [{"start": 0, "end": 1}]}', "segments[0] has no text"),
        ('{"segments": ["Hej"]}', "segments[0] is not an object with a text"),
        ('{"segments": [{"start": "nu", "end": 1, "text": "Hej"}]}', "'nu' to 1 is no number"),
        ('{"segments": [{"start": 5, "end": 1, "text": "Hej"}]}', "the time 5 to 1 is not a span"),
        ('{"segments": [{"start": NaN, "end": 1, "text": "Hej"}]}', "is not a span"),
        ('{"segments": [{"start": 0, "end": 1, "text": "  "}]}', "no speech: the transcript's"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_what_is_no_transcript_is_refused_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "optagelse.json"
    path.write_text(content)
    with pytest.raises(InputError) as refused:
        JsonImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert str(refused.value).startswith(f"{path}: ")
    assert message in str(refused.value)


def test_a_segment_whisperx_could_not_align_has_no_times(tmp_path: Path) -> None:
    content = {
        "segments": [
            {"start": 0.5, "end": 2.0, "text": " Hvor mange er I?", "speaker": "SPEAKER_00"},
            {"text": " 2.400.", "speaker": "SPEAKER_01"},
            {"start": 4.0, "end": 5.0, "text": " Tak.", "speaker": "SPEAKER_00"},
            {"start": 6.0, "end": 7.0, "text": " Selv tak.", "speaker": "SPEAKER_01"},
        ]
    }
    doc = _parse(tmp_path / "ujusteret.json", content)
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("SPEAKER_00", 500, 2000),
        ("SPEAKER_01", None, None),
        ("SPEAKER_00", 4000, 5000),
        ("SPEAKER_01", 6000, 7000),
    ]


def test_a_whisperx_output_folder_imports_each_recording_once(tmp_path: Path) -> None:
    """WhisperX writes .json, .vtt, .srt, .txt and .tsv side by side: the folder's import reads
    the .json (speakers and times), says which it left out, and leaves out other JSON files."""
    study = tmp_path / "study.db"
    indsigt.init_study(study).close()
    folder = tmp_path / "whisperx"
    folder.mkdir()
    turns = [("Interviewer", "Hvad fylder mest?"), ("Mette", "Økonomien. Og rekrutteringen.")]
    (folder / "mette.json").write_text(json.dumps(_whisperx(turns)))
    (folder / "mette.vtt").write_text(
        "WEBVTT\n\n00:00:01.250 --> 00:00:02.150\n[SPEAKER_00]: Hvad fylder mest?\n"
    )
    (folder / "mette.srt").write_text("1\n00:00:01,250 --> 00:00:02,150\nHvad fylder mest?\n")
    (folder / "mette.txt").write_text("Hvad fylder mest? Økonomien. Og rekrutteringen.\n")
    (folder / "mette.tsv").write_text("start\tend\ttext\n1250\t2150\tHvad fylder mest?\n")
    (folder / "config.json").write_text('{"model": "large-v3", "diarize": true}')
    (folder / "anden.txt").write_text("Interviewer: Hvordan går det?\nBo: Godt.\n")
    result = CliRunner().invoke(main, ["import", str(study), str(folder)])
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s)" in result.output
    assert "mette.json read; mette.srt, mette.txt, mette.vtt left out" in result.output
    assert "2 left out (.json, .tsv" in result.output
    with indsigt.open_study(study) as project:
        assert [d.name for d in project.documents()] == ["anden.txt", "mette.json"]
        mette = project.document("mette.json")
        assert [s.label for s in project.speakers(mette)] == ["SPEAKER_00", "SPEAKER_01"]
