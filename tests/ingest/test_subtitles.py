"""WebVTT (Teams, Zoom) and SRT transcripts: speakers, merged cues, timestamps, broken times."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.subtitles import SrtImporter, VttImporter

from .helpers import import_one, roles, row_counts

TEAMS = """WEBVTT

NOTE exported from Microsoft Teams

a1b2c3d4-1/11-0
00:00:01.000 --> 00:00:04.500
<v Anne Holm>Velkommen til interviewet.</v>

a1b2c3d4-1/12-0
00:00:04.500 --> 00:00:07.250
<v Anne Holm>Hvad er din rolle i regionen?</v>

a1b2c3d4-2/3-0
00:00:07.900 --> 00:00:12.040
<v Bjørn Ærø>Jeg er direktør for
sundhedsområdet.</v>

a1b2c3d4-2/4-0
00:00:12.040 --> 00:00:15.001
<v Bjørn Ærø>Det har jeg været i fem år.</v>

a1b2c3d4-1/13-0
00:00:16.000 --> 01:02:03.456
<v Anne Holm>Hvad er det sværeste?</v>
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def timed_turns(project: indsigt.Project, path: Path) -> list[tuple[str, str, int, int]]:
    doc = import_one(project, path)
    labels = {speaker.id: speaker.label for speaker in project.speakers(doc)}
    result = []
    for turn in project.turns(doc):
        assert turn.start_ms is not None and turn.end_ms is not None
        result.append(
            (labels[turn.speaker_id], doc.text[turn.start : turn.end], turn.start_ms, turn.end_ms)
        )
    return result


def test_teams_voices_merge_consecutive_cues_and_keep_times(
    study: indsigt.Project, tmp_path: Path
) -> None:
    assert timed_turns(study, write(tmp_path, "teams.vtt", TEAMS)) == [
        ("Anne Holm", "Velkommen til interviewet. Hvad er din rolle i regionen?", 1000, 7250),
        (
            "Bjørn Ærø",
            "Jeg er direktør for sundhedsområdet. Det har jeg været i fem år.",
            7900,
            15001,
        ),
        ("Anne Holm", "Hvad er det sværeste?", 16000, 3723456),
    ]
    doc = study.documents()[0]
    assert doc.format == "vtt"
    assert doc.metadata["cues"] == 5
    assert roles(study, doc) == {"Anne Holm": "interviewer", "Bjørn Ærø": "respondent"}
    assert "<v" not in doc.text and "</v>" not in doc.text


def test_teams_vtt_with_crlf_and_bom(study: indsigt.Project, tmp_path: Path) -> None:
    path = write(tmp_path, "teams-windows.vtt", "\ufeff" + TEAMS.replace("\n", "\r\n"))
    turns = timed_turns(study, path)
    assert [t[0] for t in turns] == ["Anne Holm", "Bjørn Ærø", "Anne Holm"]
    assert turns[1][2:] == (7900, 15001)


def test_voice_with_class_and_no_closing_tag(study: indsigt.Project, tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n"
        "00:01.000 --> 00:03.500\n<v.loud Interviewer>Hvordan gik det?\n\n"
        "00:03.500 --> 00:05.000\n<v Mette>Det gik <i>rigtig</i> godt.\n"
    )
    assert timed_turns(study, write(tmp_path, "stemmer.vtt", text)) == [
        ("Interviewer", "Hvordan gik det?", 1000, 3500),
        ("Mette", "Det gik rigtig godt.", 3500, 5000),
    ]


def test_zoom_name_prefixes(study: indsigt.Project, tmp_path: Path) -> None:
    text = """WEBVTT

1
00:00:01.120 --> 00:00:04.000
Lise Ærenlund: Hvordan startede projektet?

2
00:00:04.300 --> 00:00:06.000
Peter Højgaard: Med en idé fra borgmesteren.

3
00:00:06.000 --> 00:00:09.999
Peter Højgaard: Han ville have færre skemaer.

4
00:00:10.000 --> 00:00:12.000
Lise Ærenlund: Og hvad skete der så?
"""
    assert timed_turns(study, write(tmp_path, "zoom.vtt", text)) == [
        ("Lise Ærenlund", "Hvordan startede projektet?", 1120, 4000),
        (
            "Peter Højgaard",
            "Med en idé fra borgmesteren. Han ville have færre skemaer.",
            4300,
            9999,
        ),
        ("Lise Ærenlund", "Og hvad skete der så?", 10000, 12000),
    ]
    doc = study.documents()[0]
    assert roles(study, doc) == {"Lise Ærenlund": "interviewer", "Peter Højgaard": "respondent"}
    # The label is shown once per turn in the text; the turn is the speech only.
    assert doc.text.startswith("Lise Ærenlund: Hvordan startede projektet?\n\nPeter Højgaard: ")


def test_a_colon_in_speech_is_not_a_speaker(study: indsigt.Project, tmp_path: Path) -> None:
    text = """WEBVTT

00:00:01.000 --> 00:00:03.000
Interviewer: Hvad sagde du til dem?

00:00:03.000 --> 00:00:05.000
Mette: Jeg sagde det ligeud.

00:00:05.000 --> 00:00:08.000
Men jeg siger: noget skal ændres.

00:00:08.000 --> 00:00:09.000
Mette: Og det blev det.
"""
    turns = timed_turns(study, write(tmp_path, "kolon.vtt", text))
    assert [(label, text) for label, text, _, _ in turns] == [
        ("Interviewer", "Hvad sagde du til dem?"),
        ("Mette", "Jeg sagde det ligeud."),
        ("", "Men jeg siger: noget skal ændres."),
        ("Mette", "Og det blev det."),
    ]


def test_cues_without_speakers_become_one_turn(study: indsigt.Project, tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFørste linje.\n\n"
    text += "00:00:02.000 --> 00:00:04.500\nAnden linje.\n"
    assert timed_turns(study, write(tmp_path, "anonym.vtt", text)) == [
        ("", "Første linje. Anden linje.", 0, 4500),
    ]


def test_srt_file(study: indsigt.Project, tmp_path: Path) -> None:
    text = """1
00:00:01,001 --> 00:00:04,015
Interviewer: Hvordan går det med omstillingen?

2
00:00:04,500 --> 00:00:08,030
Respondent: Langsomt.
Men det går fremad.

3
00:00:08,030 --> 00:00:10,060
Respondent: Især på ældreområdet.

4
00:00:10,500 --> 01:00:00,095
Interviewer: <i>Fint</i>, tak.
"""
    assert timed_turns(study, write(tmp_path, "optagelse.srt", text, "cp1252")) == [
        ("Interviewer", "Hvordan går det med omstillingen?", 1001, 4015),
        ("Respondent", "Langsomt. Men det går fremad. Især på ældreområdet.", 4500, 10060),
        ("Interviewer", "Fint, tak.", 10500, 3600095),
    ]
    doc = study.documents()[0]
    assert doc.format == "srt"
    assert roles(study, doc) == {"Interviewer": "interviewer", "Respondent": "respondent"}


def test_srt_milliseconds_are_exact() -> None:
    # Every millisecond value round-trips (no float truncation such as 1001 -> 1000).
    cues = "".join(
        f"{n}\n00:00:{n // 1000:02d},{n % 1000:03d} --> 00:00:{n // 1000:02d},{n % 1000:03d}\n"
        f"{'Anne' if n % 2 else 'Bo'}: tekst {n}.\n\n"
        for n in range(1001, 9000, 997)
    )
    doc = SrtImporter().parse(Path("ms.srt"), cues.encode(), options=ImportOptions())[0]
    assert [turn.start_ms for turn in doc.turns] == list(range(1001, 9000, 997))


# -- broken files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "brudt.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v A>Hej.\n\n"
            "00:00:xx.000 --> 00:00:05.000\n<v B>Hej.\n",
            "line 6: broken cue time '00:00:xx.000 --> 00:00:05.000'",
        ),
        (
            "brudt2.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:3.000\n<v A>Hej.\n",
            "line 3: broken cue time '00:00:01.000 --> 00:00:3.000'",
        ),
        (
            "brudt.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nA: Hej.\n\n"
            "2\n00:00:02,000 --> 00:00:0x,000\nB: Ja.\n",
            "line 6: broken cue time '00:00:02,000 --> 00:00:0x,000'",
        ),
    ],
)
def test_broken_cue_times_name_the_file_and_line(
    study: indsigt.Project, tmp_path: Path, name: str, text: str, line: str
) -> None:
    path = write(tmp_path, name, text)
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    assert str(failed.value) == f"{path}: {line}"
    assert row_counts(study) == before


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("omvendt.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nA: Hej.\n", "ends before"),
        ("uden-hoved.vtt", "00:00:01.000 --> 00:00:04.000\nA: Hej.\n", "broken WebVTT"),
        ("tom.vtt", "WEBVTT\n\n", "no cues with text"),
        ("kun-tid.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "no cues with text"),
        ("pil.srt", "1\n00:00:01,000 -> 00:00:02,000\nA: Hej.\n", "broken SRT"),
        ("tom.srt", "\n\n", "empty"),
    ],
)
def test_other_broken_subtitle_files(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = write(tmp_path, name, text)
    importer = VttImporter() if name.endswith(".vtt") else SrtImporter()
    with pytest.raises(InputError) as error:
        importer.parse(path, path.read_bytes(), options=ImportOptions())
    assert error.value.path == str(path)
    assert problem in error.value.problem


# -- nothing is dropped silently (issue 18, item 3) --------------------------------------------


def cue_texts(path: Path) -> list[tuple[str, str, int, int]]:
    importer = VttImporter() if path.suffix == ".vtt" else SrtImporter()
    doc = importer.parse(path, path.read_bytes(), options=ImportOptions())[0]
    return [
        (turn.speaker, doc.text[turn.start : turn.end], turn.start_ms or 0, turn.end_ms or 0)
        for turn in doc.turns
    ]


def test_vtt_cues_with_comma_decimals_and_long_times_are_read(
    study: indsigt.Project, tmp_path: Path
) -> None:
    # Files converted from SRT keep "," before the milliseconds; interviews run past an hour
    # ("75:00.000" is 75 minutes without an hours field). All three cues must be imported.
    path = write(
        tmp_path,
        "lang.vtt",
        "WEBVTT\n\n"
        "00:00:01,000 --> 00:00:02,500\n<v Anne>Første spørgsmål?\n\n"
        "75:00.000 --> 75:02.000\n<v Bo>Svar efter en time.\n\n"
        "01:59:59.000 --> 02:00:01.000\n<v Anne>Tak for i dag.\n",
    )
    assert timed_turns(study, path) == [
        ("Anne", "Første spørgsmål?", 1000, 2500),
        ("Bo", "Svar efter en time.", 4_500_000, 4_502_000),
        ("Anne", "Tak for i dag.", 7_199_000, 7_201_000),
    ]


def test_vtt_arrow_without_spaces_settings_and_header_metadata(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tæt.vtt",
        "WEBVTT - Teams\nKind: captions\nLanguage: da\n\n"
        "1\n00:00:01.000-->00:00:02.000\n<v A>Hej &amp; velkommen.\n\n"
        "2\n00:00:03.000 --> 00:00:04.000 align:start position:10%\n<v B>Tak.\n",
    )
    assert cue_texts(path) == [("A", "Hej & velkommen.", 1000, 2000), ("B", "Tak.", 3000, 4000)]


def test_vtt_text_after_a_blank_line_inside_a_cue_is_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "blank.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Første linje.\n\nAnden linje.\n\n"
        "NOTE en kommentar\n\n00:00:03.000 --> 00:00:04.000\n<v B>Ja.\n",
    )
    assert cue_texts(path) == [
        ("A", "Første linje. Anden linje.", 1000, 2000),
        ("B", "Ja.", 3000, 4000),
    ]


def test_vtt_cue_with_two_voices_gives_two_turns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "to.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anne>Hvordan?</v>\n<v Bo>Sådan.</v>\n",
    )
    assert cue_texts(path) == [("Anne", "Hvordan?", 1000, 3000), ("Bo", "Sådan.", 1000, 3000)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "whisperx.vtt",
            "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n[SPEAKER_00]: Hvad fylder mest?\n\n"
            "00:00:03.500 --> 00:00:06.000\n[SPEAKER_01]: Økonomien.\n",
        ),
        (
            "whisperx.srt",
            "1\n00:00:00,000 --> 00:00:03,000\n[SPEAKER_00]: Hvad fylder mest?\n\n"
            "2\n00:00:03,500 --> 00:00:06,000\n[SPEAKER_01]: Økonomien.\n",
        ),
    ],
)
def test_whisperx_speakers_in_brackets_count_even_once(
    tmp_path: Path, name: str, text: str
) -> None:
    """A local transcription with WhisperX: "[SPEAKER_00]: …", each speaker seen once here."""
    assert cue_texts(write(tmp_path, name, text)) == [
        ("SPEAKER_00", "Hvad fylder mest?", 0, 3000),
        ("SPEAKER_01", "Økonomien.", 3500, 6000),
    ]


def test_srt_times_without_hours_are_minutes_and_seconds(tmp_path: Path) -> None:
    # The srt library read "01:02,000" as 1 hour 2 minutes.
    path = write(tmp_path, "kort.srt", "1\n01:02,000 --> 01:03,500\nA: Hej.\n")
    assert cue_texts(path) == [("A", "Hej.", 62_000, 63_500)]


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (
            "løs.vtt",
            "WEBVTT\n\nLøs tekst uden tid.\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hej.\n",
            "line 3: broken WebVTT: text outside any cue",
        ),
        (
            "tæt.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hej.\n00:00:02.000 --> 00:00:03.000\n"
            "<v B>Ja.\n",
            "line 5: broken WebVTT: a cue time must open its block",
        ),
        (
            "løs.srt",
            "Løs tekst.\n\n1\n00:00:01,000 --> 00:00:02,000\nA: Hej.\n",
            "line 1: broken SRT: text outside any cue",
        ),
    ],
)
def test_text_the_parser_cannot_place_is_refused_naming_the_line(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    path = write(tmp_path, name, text)
    importer = VttImporter() if name.endswith(".vtt") else SrtImporter()
    with pytest.raises(InputError) as error:
        importer.parse(path, path.read_bytes(), options=ImportOptions())
    assert error.value.problem.startswith(problem)
    assert "Løs" not in error.value.problem  # no transcript text in errors


def test_an_arrow_in_speech_is_refused_without_quoting_the_speech(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "pil.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hej.\n\nLars Kjær sagde --> nej\n",
    )
    with pytest.raises(InputError) as error:
        VttImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert error.value.problem == "line 6: '-->' in a line that is not a cue time"
