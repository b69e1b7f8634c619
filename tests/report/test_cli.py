"""`indsigt report`: options, the default folder, templates with a theme and a logo."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from indsigt.cli import main
from indsigt.store import schema

from .conftest import Written

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.mark.slow
def test_report_command_with_a_template(small: Written, tmp_path: Path) -> None:
    template = tmp_path / "brand"
    template.mkdir()
    (template / "theme.json").write_text(
        json.dumps({"accent": "#7a1f5c", "organisation": "Analysehuset", "palette": ["#7a1f5c"]}),
        encoding="utf-8",
    )
    (template / "logo.png").write_bytes(PNG)
    (template / "_contents.html").write_text("<nav>egen indholdsfortegnelse</nav>\n")
    output = tmp_path / "out"
    study = str(small.project.store.location)
    result = CliRunner().invoke(
        main,
        [
            "report",
            study,
            "--format",
            "html,docx,md",
            "--lang",
            "en",
            "--template",
            str(template),
            "--output",
            str(output),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["files"]) == {"html", "docx", "md"} and data["lang"] == "en"
    html = (output / "report.html").read_text(encoding="utf-8")
    assert "--accent: #7a1f5c" in html
    assert "Analysehuset" in html and "data:image/png;base64," in html
    assert "egen indholdsfortegnelse" in html
    assert "White paper" in html
    assert (output / "report.docx").is_file() and (output / "report.md").is_file()


def test_default_output_is_the_studys_reports_folder(small: Written) -> None:
    study = Path(str(small.project.store.location))
    result = CliRunner().invoke(main, ["report", str(study), "--format", "md"])
    assert result.exit_code == 0, result.output
    folder = f"study-{small.project.study.id}"
    assert (study.parent / "reports" / folder / "report.md").is_file()
    assert "md:" in result.output
    # "… evidence in 8 group(s)" read as eight focus groups in a focus-group study (s32 walk)
    assert re.search(r"passage\(s\) of evidence in \d+ evidence group\(s\), ", result.output)


def test_bad_options_are_refused(small: Written, tmp_path: Path) -> None:
    study = str(small.project.store.location)
    result = CliRunner().invoke(main, ["report", study, "--format", "html,odt"])
    assert result.exit_code == 2 and "unknown report format odt" in result.output
    result = CliRunner().invoke(main, ["report", study, "--lang", "fi"])
    assert result.exit_code == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "theme.json").write_text("{not json")
    result = CliRunner().invoke(main, ["report", study, "--template", str(bad)])
    assert result.exit_code == 2 and "theme.json" in result.output


@pytest.mark.parametrize(
    ("language", "expected"), [("da", "da"), ("en", "en"), ("sv", "sv"), ("nb", "no"), ("fi", "da")]
)
def test_the_default_language_is_the_studys(
    small: Written, tmp_path: Path, language: str, expected: str
) -> None:
    """An English study's report is in English unless asked otherwise (it was Danish: a Danish
    frame around English quotes), a Swedish or Norwegian one's in Swedish or Norwegian; a
    language the report lacks falls back to Danish."""
    store = small.project.store
    with store.begin() as connection:
        connection.execute(
            sa.update(schema.study)
            .where(schema.study.c.id == small.project.study.id)
            .values(language=language)
        )
    output = tmp_path / "out"
    args = ["report", str(store.location), "--format", "md", "--output", str(output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"report in {expected}:")
    title = {"da": "Hvidbog", "en": "White paper", "no": "Hvitbok", "sv": "Vitbok"}[expected]
    assert title in (output / "report.md").read_text(encoding="utf-8")
