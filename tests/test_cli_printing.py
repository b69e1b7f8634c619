"""What the commands print where stop 32's reader found it wrong: the anonymisation summary
broken over two lines of a log, the guard naming a command that is not the one to run, and
theme examples printed with a PDF's hard line breaks mid-sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.cli.output import print_anonymisation
from indsigt.cli.themes import _print_themes
from indsigt.guard import NotAnonymised, require_anonymised
from indsigt.nouns import default_noun


def test_the_anonymisation_summary_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """GENNOVATE's summary ran past the 160 columns of a log and was cut between "0" and
    "false positive(s) skipped"."""
    print_anonymisation(
        {
            "documents": 14,
            "findings": {"PER": 323, "PROJECT": 9, "TITLE": 1},
            "speaker_labels": 1781,
            "persons": 51,
            "kept": 8,
            "false_positives": 0,
        }
    )
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("anonymised 14 document(s): PER 323, PROJECT 9, TITLE 1;")
    # GENNOVATE's 8 were countries the gazetteer found ("Bangladesh"): kept by the default
    # allow-list, which no --allow had to name
    assert first.endswith("8 kept as said (countries, the allow-list), 0 false positive(s) skipped")
    assert second == "review with `indsigt findings STUDY`"


def test_theme_examples_are_printed_without_the_sources_line_breaks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = {
        "unit": "statement",
        "run": 1,
        "unassigned_share": 0.1,
        "themes": [
            {
                "id": 1,
                "label": "Clusters",
                "size": 12,
                "respondents": 3,
                "terms": ["cluster"],
                "examples": ["Uh, that\nexplain why the  clusters\n\nwere separated."],
            }
        ],
    }
    _print_themes(result, default_noun("en"))
    out = capsys.readouterr().out
    assert "  “Uh, that explain why the clusters were separated.”" in out.splitlines()


def test_the_guard_names_the_command_to_run(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("I: Hvordan går det?\nR: Det går fint.\n", encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db") as project:
        project.import_files([source])
        with pytest.raises(NotAnonymised) as refused:
            require_anonymised(project.store, project.study.id, stage="coding")
    assert "run `indsigt anonymise run STUDY` first" in str(refused.value)
