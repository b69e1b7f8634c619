"""`indsigt matrix` gives the same matrix from run to run, whatever Python's string hashing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import indsigt
from indsigt.matrix import build, build_matrix

from .helpers import make_guided_study

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.slow
def test_the_same_matrix_under_every_hash_seed(tmp_path: Path) -> None:
    """A passage coded with a code and its sub-code is in two columns, held in a set; the
    matrix (cell order, the texts embedded together, the excerpts chosen) followed the set's
    order, which changes with PYTHONHASHSEED. Seeds 1 and 3 gave two different matrices."""
    study = make_guided_study(tmp_path / "m")
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        copy = tmp_path / f"seed{seed}.db"  # a fresh copy: no vectors cached by a run before
        shutil.copy(study, copy)
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "PYTHONPATH": os.pathsep.join([str(SRC), *sys.path]),
        }
        output = tmp_path / f"seed{seed}.md"
        command = f"matrix {copy} --json --output {output} --embedder tfidf --per-cell 1"
        done = subprocess.run(
            [sys.executable, "-m", "indsigt", *command.split()],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout.replace(str(output), "OUTPUT"))
        outputs.add(output.read_text(encoding="utf-8"))
    assert len(outputs) == 2  # the JSON and the file, each the same under every seed


class _Forwards(set[str]):
    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set.__iter__(self)))


class _Backwards(set[str]):
    """Iterates in the reverse of sorted order: as another hash seed may."""

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set.__iter__(self), reverse=True))


def _sets_iterate(monkeypatch: pytest.MonkeyPatch, kind: type[set[str]]) -> None:
    """The code columns' membership sets iterate as ``kind`` does."""
    by_passage = build._by_passage

    def membership(columns_of: Mapping[int, set[str]]) -> build.Membership:
        member_of = by_passage(columns_of)
        return lambda item: kind(member_of(item))

    monkeypatch.setattr(build, "_by_passage", membership)


def test_the_order_of_a_units_columns_set_does_not_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    study = make_guided_study(tmp_path / "m")
    found = []
    for kind in (_Forwards, _Backwards):
        _sets_iterate(monkeypatch, kind)
        with indsigt.open_study(study) as opened:
            matrix = build_matrix(
                opened.store, opened.study.id, columns="code", per_cell=1, embedder="tfidf"
            )
        found.append(matrix.as_dict())
    assert found[0] == found[1]
    # Cells come in the order of the units, then of the columns.
    first_row = [c["column"] for c in found[0]["cells"] if c["row"] == found[0]["rows"][0]]
    assert first_row == ["muligheder", "udfordringer", "udfordringer/kompetencer"]
