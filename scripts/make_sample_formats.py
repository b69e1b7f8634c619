"""Turn some sample interviews (written as text) into Word and WebVTT files.

Run once when the sample study changes:  python scripts/make_sample_formats.py
Word files get bold speaker labels (as transcribers write them); WebVTT files get Teams-style
``<v Name>`` cues with timestamps paced at about 2.6 words per second. The text sources are
removed afterwards so the sample holds each interview once.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

FOLDER = Path(__file__).resolve().parents[1] / "src" / "indsigt" / "sample" / "interviews"
TO_DOCX = ("dk03_region_midtjylland", "dk08_stat_udbetaling_danmark", "no01_kommune_trondheim")
TO_VTT = ("dk05_stat_digitaliseringsstyrelsen", "dk07_region_hovedstaden")
LABEL = re.compile(r"^([^\W\d_][\w.' \-]{0,39}?):\s+(.*)$")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def to_docx(source: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    document.core_properties.title = lines[2] if len(lines) > 2 else source.stem
    document.core_properties.author = "indsigt (fictional sample)"
    for line in lines:
        if not line.strip():
            continue
        match = LABEL.match(line)
        paragraph = document.add_paragraph()
        if match:
            paragraph.add_run(f"{match.group(1)}:").bold = True
            paragraph.add_run(f" {match.group(2)}")
        else:
            paragraph.add_run(line)
        paragraph.paragraph_format.space_after = Pt(6)
    target = source.with_suffix(".docx")
    document.save(target)
    return target


def _clock(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def to_vtt(source: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    out = ["WEBVTT", ""]
    header = [line for line in lines[:4] if line.strip() and not LABEL.match(line)]
    out += ["NOTE " + " / ".join(header), ""]
    clock, speaker = 3.0, None
    for line in lines:
        match = LABEL.match(line)
        if match:
            speaker, text = match.group(1), match.group(2)
        elif line.strip() and speaker:
            text = line.strip()
        else:
            continue
        sentences = SENTENCE.split(text)
        for i in range(0, len(sentences), 2):
            cue = " ".join(sentences[i : i + 2])
            duration = max(1.2, len(cue.split()) / 2.6)
            out += [
                f"{_clock(clock)} --> {_clock(clock + duration)}",
                f"<v {speaker}>{cue}</v>",
                "",
            ]
            clock += duration + 0.4
    target = source.with_suffix(".vtt")
    target.write_text("\n".join(out), encoding="utf-8")
    return target


def main() -> None:
    for stem in TO_DOCX:
        source = FOLDER / f"{stem}.txt"
        if source.exists():
            print("wrote", to_docx(source))
            source.unlink()
    for stem in TO_VTT:
        source = FOLDER / f"{stem}.txt"
        if source.exists():
            print("wrote", to_vtt(source))
            source.unlink()
    if not any(FOLDER.glob("*.docx")):
        sys.exit("no .docx written: are the text sources there?")


if __name__ == "__main__":
    main()
