"""No name and no pseudonym mapping from the sample study reaches any output, and a study
that needs anonymisation is not reported on before it is anonymised."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.guard import NotAnonymised
from indsigt.report import write_report
from indsigt.sample import interview_files, respondents_sheet
from indsigt.store import schema

from .conftest import Written
from .reader import docx_text, pdf_text

# A surname in the sample that is also the report's own word: the Holm correction.

pytestmark = pytest.mark.slow  # the sample study, anonymised and coded, per module

# The report's own "Holm-korrektion", also where the PDF hyphenates it ("Holm-kor‐ rektion")
# and where the HTML starts a claim's last words and refs after it (<span class="tail">).
REPORT_WORDS = re.compile(r"Holm(?=(?:<span[^>]*>)?-?\s*(?:kor|cor))|\(Holm\s")


def forbidden(project: indsigt.Project) -> tuple[set[str], set[str]]:
    """(case-insensitive, case-sensitive) strings that must not appear in a report."""
    sheet = yaml.safe_load(respondents_sheet().read_text(encoding="utf-8"))
    people = [row["name"] for row in sheet["respondents"] + sheet["interviewers"]]
    with project.store.connect() as connection:
        identities = connection.scalars(sa.select(schema.identity.c.name)).all()
        mapping = connection.execute(
            sa.select(schema.pseudonym.c.original, schema.pseudonym.c.pseudonym)
        ).all()
        findings = connection.execute(
            sa.select(schema.finding.c.start, schema.finding.c.end, schema.original_text.c.text)
            .join(
                schema.original_text,
                schema.original_text.c.document_id == schema.finding.c.document_id,
            )
            .where(schema.finding.c.status == "applied")
        ).all()
    anywhere = {*people, *identities}
    anywhere |= {original for original, _ in mapping if " " in original.strip()}
    anywhere |= {f"{original} → {pseudonym}" for original, pseudonym in mapping}
    exact = {part for name in people for part in name.split() if len(part) >= 4}
    exact |= {row["organisation"] for row in sheet["respondents"]}
    exact |= {row["document"] for row in sheet["respondents"]}
    exact |= {text[start:end] for start, end, text in findings if end - start >= 4}
    return anywhere, exact


def outputs(written: Written) -> dict[str, str]:
    return read_outputs({kind: Path(path) for kind, path in written.result.files.items()})


def read_outputs(files: dict[str, Path]) -> dict[str, str]:
    texts = {
        "html": files["html"].read_text(encoding="utf-8"),
        "pdf": pdf_text(files["pdf"]),
        "docx": docx_text(files["docx"]),
    }
    if "md" in files:
        texts["md"] = files["md"].read_text(encoding="utf-8")
        for chart in (files["md"].parent / "report-charts").glob("*.svg"):
            texts[chart.name] = chart.read_text(encoding="utf-8")
    with zipfile.ZipFile(files["docx"]) as archive:
        texts["docx-xml"] = " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )
    texts["pdf-info"] = subprocess.run(
        ["pdfinfo", str(files["pdf"])], capture_output=True, text=True, check=True
    ).stdout
    texts = {kind: REPORT_WORDS.sub("", text) for kind, text in texts.items()}
    return texts


def leaks(texts: dict[str, str], anywhere: set[str], exact: set[str]) -> list[tuple[str, str]]:
    def pattern(words: set[str], flags: int) -> re.Pattern[str]:
        ordered = sorted(words, key=len, reverse=True)
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)", flags)

    patterns = (pattern(anywhere, re.I), pattern(exact, 0))
    return [
        (kind, match.group(0))
        for kind, text in texts.items()
        for compiled in patterns
        for match in compiled.finditer(text)
    ]


@pytest.mark.parametrize("which", ["sample_da", "sample_en", "uncoded"])
def test_no_name_or_mapping_in_any_output(which: str, request: pytest.FixtureRequest) -> None:
    written: Written = request.getfixturevalue(which)
    anywhere, exact = forbidden(written.project)
    assert len(anywhere) > 20 and len(exact) > 50  # the check has something to look for
    texts = outputs(written)
    assert not leaks(texts, anywhere, exact)
    # The check does find a name when there is one.
    assert leaks({"probe": "Citat fra Mette Kjærgaard Holm."}, anywhere, exact)


def test_a_study_that_needs_anonymisation_is_refused(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "raw.db") as project:
        project.import_files(interview_files(), respondents=respondents_sheet())
        with pytest.raises(NotAnonymised, match="report needs anonymised text"):
            write_report(project.store, project.study.id, output=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["report", str(tmp_path / "raw.db"), "--format", "html"])
    assert result.exit_code == 2
    assert "anonymise" in result.output


def test_the_demo_writes_the_report_without_names(tmp_path: Path) -> None:
    from indsigt.demo import run_demo

    result = run_demo(tmp_path / "demo")
    files = {kind: Path(path) for kind, path in result["report"]["files"].items()}
    assert set(files) == {"html", "pdf", "docx"}
    folder = tmp_path / "demo" / "reports" / "study-1"  # the study's own reports folder
    assert all(path.parent == folder and path.is_file() for path in files.values())
    with indsigt.open_study(result["study"]) as project:
        anywhere, exact = forbidden(project)
        texts = read_outputs(files)
        assert not leaks(texts, anywhere, exact)
        coded = bool(project.compare().table.rows)
    # Whatever steps the demo has, the report says what was (not) done.
    assert ("Ingen kodning er foretaget" in texts["pdf"]) != coded
    assert "Alle 13 interviews er pseudonymiseret" in texts["html"]


def test_sample_coded_by_the_shipped_coder(tmp_path: Path) -> None:
    """The chain as a user runs it: default codebook, keyword coder, report."""
    pytest.importorskip("indsigt.coding")
    with indsigt.init_study(tmp_path / "study.db") as project:
        project.import_files(interview_files(), respondents=respondents_sheet())
        project.anonymise()
        project.import_codebook(default=True)
        project.code(coders=("keyword.v1",))
        result = project.report(output=tmp_path / "reports")
        assert result.coded and result.sections >= 3
        texts = read_outputs({kind: Path(path) for kind, path in result.files.items()})
        anywhere, exact = forbidden(project)
    assert not leaks(texts, anywhere, exact)
    assert "Maskinelle kodere: keyword.v1" in texts["html"]
    assert "da:" not in texts["docx"]  # definitions in the report's language only
