"""The bundled sample study: FICTIONAL interviews written for indsigt (see README.md here)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SUFFIXES = (".txt", ".docx", ".vtt", ".srt", ".pdf", ".md")
# The sample study's respondents are leaders: its pseudonyms are "Leder A", its quotes
# "— Leder i kommune" (``init_study(..., respondent_noun=RESPONDENT_NOUN)``).
RESPONDENT_NOUN = "Leder"


def sample_dir() -> Path:
    return Path(str(resources.files("indsigt.sample")))


def interview_files() -> list[Path]:
    """The sample interviews, in name order."""
    folder = sample_dir() / "interviews"
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)


def respondents_sheet() -> Path:
    return sample_dir() / "respondents.yaml"


def guide_file() -> Path:
    """The sample study's interview guide (Markdown, Danish)."""
    return sample_dir() / "guide.md"
