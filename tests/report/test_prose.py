"""The optional prose pass: a model words the summary; every sentence must cite the summary's
evidence and use only its figures, or the paragraph is not used."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from indsigt.cli import main
from indsigt.report import write_report
from indsigt.report.model import Claim, Ref
from indsigt.report.prose import check_paragraph, prompt_for, prose_summary
from indsigt.testing import FakeModel, local_chat_endpoint

from .conftest import Written

CLAIMS = (
    Claim("Baseret på 13 interviews med 15 ledere.", (Ref("Metode", "method"),)),
    Claim("Drivkræfter: nævnt af 15 af 15 ledere (100 %).", (Ref("E1", "e1"),)),
    Claim("Mobilisering: nævnt af 12 af 15 ledere (80 %).", (Ref("E2", "e2"),)),
)


def test_a_checked_paragraph_keeps_every_link() -> None:
    result = check_paragraph(
        "Undersøgelsen bygger på 13 interviews med 15 ledere. [Metode] Alle 15 ledere taler om "
        "drivkræfter, og 12 af dem om mobilisering. [E1, E2]",
        CLAIMS,
        model_id="m",
    )
    assert not result.rejected
    assert [c.text for c in result.claims] == [
        "Undersøgelsen bygger på 13 interviews med 15 ledere.",
        "Alle 15 ledere taler om drivkræfter, og 12 af dem om mobilisering.",
    ]
    assert [[r.anchor for r in c.refs] for c in result.claims] == [["method"], ["e1", "e2"]]


@pytest.mark.parametrize(
    ("response", "why"),
    [
        ("Alle ledere taler om drivkræfter. [E9]", "unknown evidence label"),
        ("Alle ledere taler om drivkræfter.", "without evidence labels"),
        ("Drivkræfter fylder. [E1] Og så noget uden kilde.", "without evidence labels"),
        ("14 af 15 ledere nævner drivkræfter. [E1]", "number(s) 14"),
        # a number from another finding than the one cited is not backed either
        ("12 ledere nævner drivkræfter. [E1]", "number(s) 12"),
        ("", "no sentence"),
    ],
)
def test_a_paragraph_that_breaks_a_rule_is_not_used(response: str, why: str) -> None:
    result = check_paragraph(response, CLAIMS, model_id="m")
    assert result.claims == () and why in result.rejected


def test_the_prompt_lists_the_findings_with_their_labels() -> None:
    prompt = prompt_for(CLAIMS, "da")
    assert "[E1] Drivkræfter: nævnt af 15 af 15 ledere (100 %)." in prompt
    assert "Danish" in prompt and "$" not in prompt


def test_a_model_that_fails_leaves_the_list_alone() -> None:
    def broken(prompts: list[str]) -> list[str]:
        raise RuntimeError("connection refused")

    result = prose_summary(CLAIMS, broken, lang="da")
    assert result.claims == () and "connection refused" in result.rejected


def _paragraph(prompt: str) -> str:
    """What a faithful model writes: the first two findings, one sentence each, cited."""
    facts = re.findall(r"^\[([^\]]+)\] (.+)$", prompt, flags=re.M)
    return " ".join(f"{text} [{labels}]" for labels, text in facts[1:3])


@pytest.mark.slow
def test_every_format_shows_the_paragraph_and_the_list(sample_da: Written, tmp_path: Path) -> None:
    project = sample_da.project
    model = FakeModel(_paragraph)
    result = write_report(project.store, project.study.id, output=tmp_path, llm=model)
    assert result.notes == [] and len(model.calls) == 1
    first = next(c for c in sample_da.context.summary[1:] if not c.lead)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    prose = re.search(r'<p class="prose">(.*?)</p>', html, flags=re.S)
    assert prose and 'href="#e' in prose.group(1)
    # a claim's last words and refs are one span (templates/_macros.html)
    assert first.text in re.sub(r'<span class="tail">', "", prose.group(1))
    assert re.search(r"<p class=\"prose-note\">[^<]*fake-model", html)
    assert f"<li>{first.text}" in re.sub(r'<span class="tail">', "", html)  # the list stays
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "kontrolleret" in markdown
    texts = [p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs]
    assert any(first.text in t and "[E" in t for t in texts)


@pytest.mark.slow
def test_an_unfaithful_paragraph_is_reported_and_left_out(
    sample_da: Written, tmp_path: Path
) -> None:
    project = sample_da.project
    # a label the summary cites (its themes' groups: those of the strongest key points)
    label = next(
        r.label for c in sample_da.context.summary for r in c.refs if r.label[1:].isdigit()
    )
    model = FakeModel(lambda prompt: f"Hele 99 % af lederne er begejstrede. [{label}]")
    result = write_report(project.store, project.study.id, output=tmp_path, llm=model)
    assert any("not used" in note and "99" in note for note in result.notes)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'class="prose"' not in html and "begejstrede" not in html


@pytest.fixture
def local_llm() -> Iterator[str]:
    with local_chat_endpoint(_paragraph) as url:
        yield url


def test_report_cli_with_a_local_endpoint(
    sample_da: Written, local_llm: str, tmp_path: Path
) -> None:
    study = str(sample_da.project.store.location)
    args = ["report", study, "--format", "html", "--output", str(tmp_path), "--json"]
    result = CliRunner().invoke(main, [*args, "--llm-url", local_llm, "--llm-model", "lokal"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["notes"] == []
    assert '<p class="prose">' in (tmp_path / "report.html").read_text(encoding="utf-8")
    refused = CliRunner().invoke(
        main, [*args, "--llm-url", "http://example.org/v1", "--llm-model", "x"]
    )
    assert refused.exit_code != 0 and "not on this machine" in refused.output
    half = CliRunner().invoke(main, [*args, "--llm-url", local_llm])
    assert half.exit_code != 0 and "--llm-model" in half.output
