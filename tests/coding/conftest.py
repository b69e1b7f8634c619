"""Fixtures: small studies of fictional Danish passages (no personal data), and the sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import indsigt
from indsigt.sample import interview_files, respondents_sheet

LINES = {
    "a.txt": [
        "I: Hvad driver jeres arbejde?",
        "R: Borgerne forventer, at vi er lige så digitale som deres bank.",
        "R: Vi har automatiseret sagsbehandlingen med robotter, og kunstig intelligens hjælper.",
        "R: Vores gamle fagsystemer kan ikke tale sammen, og leverandøren låser os fast.",
        "R: Vi mangler ikke kompetencer, men vi har ingen penge til investeringer.",
        "R: Tak for i dag.",
    ],
    "b.txt": [
        "I: Hvordan ser du fremtiden?",
        "R: Robotterne og automatiseringen frigør tid til de svære sager.",
        "R: GDPR og databeskyttelse gør det svært at dele data med regionen.",
        "R: Direktionen skal gå forrest med en klar strategi.",
        "R: Budgettet er etårigt, så investeringer skal betale sig hjem med det samme.",
    ],
}


def write_sources(folder: Path) -> list[Path]:
    paths = []
    for name, lines in LINES.items():
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def small(tmp_path: Path) -> Iterator[indsigt.Project]:
    """Two short Danish interviews, turns as passages, the default codebook imported."""
    with indsigt.init_study(tmp_path / "small.db", anonymisation_required=False) as study:
        study.import_files(write_sources(tmp_path), unit="turn", language="da")
        study.import_codebook(default=True)
        yield study


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample study with the default codebook (built once, copied per test)."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    with indsigt.init_study(path, anonymisation_required=False) as study:
        study.import_files(interview_files(), respondents=respondents_sheet())
        study.import_codebook(default=True)
    return path


@pytest.fixture
def sample(sample_db: Path, tmp_path: Path) -> Iterator[indsigt.Project]:
    import shutil

    target = tmp_path / "sample.db"
    shutil.copy(sample_db, target)
    with indsigt.open_study(target) as study:
        yield study
