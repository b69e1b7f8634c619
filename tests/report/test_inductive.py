"""The report without a codebook: with no accepted codings the findings are the study's
emergent themes — stored by `indsigt themes`, or found and stored by the report itself — each
labelled emergent and unreviewed; with accepted codings the coded path is unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt import queries
from indsigt.analyse.keypoints.study import study_key_points
from indsigt.cli import main
from indsigt.report import build_context, emergent
from indsigt.report.model import Ref
from indsigt.report.pullquotes import pull_quotes
from indsigt.store import schema
from indsigt.themes.stored import latest_themes, merge_themes, save_themes
from indsigt.themes.study import study_themes
from indsigt.units import conversational_ids

from .conftest import Written
from .helpers import small_study
from .reader import docx_text, pdf_text

pytestmark = pytest.mark.slow  # the sample study, anonymised, per session


def _parts(report: object) -> dict[str, str]:
    return {part.heading: " ".join(c.text for c in part.claims) for part in report.method}  # type: ignore[attr-defined]


def _theme_respondents(project: indsigt.Project, passage_ids: set[int]) -> set[int]:
    p, t, s = schema.passage, schema.turn, schema.speaker
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(p.c.id, s.c.respondent_id)
            .select_from(p.join(t, p.c.turn_id == t.c.id).join(s, t.c.speaker_id == s.c.id))
            .where(s.c.respondent_id.is_not(None))
        ).all()
    return {respondent for pid, respondent in rows if pid in passage_ids}


def test_no_codings_gives_one_section_per_emergent_theme(uncoded: Written) -> None:
    """The sample study, uncoded: the report found themes itself (TF-IDF on statements),
    stored them, and made each of the largest a finding whose count is its respondents."""
    report, project = uncoded.context, uncoded.project
    every = latest_themes(project.store, project.study.id)
    assert every, "the report stores the themes it found, for the web app"
    # One respondent's subject is no finding: a theme of one respondent's statements, or one
    # where one respondent holds more than 60 % of the passages (the sample's lone English
    # interview; its Swedish one, with a few stray statements of others), is listed apart.
    ordered = sorted(every, key=lambda t: (-t.size, t.number))
    stored, others = emergent.split_themes(
        ordered, emergent.passage_owners(project.store, project.study.id)
    )
    assert others and all(t.respondents >= 2 for t in stored)
    assert [c.text.split(" — ")[0] for c in report.other_themes] == [
        f"»{o.label}«" for o in others[:8]
    ]
    assert report.coded and 1 <= len(report.sections) <= 8
    assert len(report.sections) == min(8, len(stored))
    largest = stored[: len(report.sections)]
    by_label = {t.label: t for t in largest}
    # largest first by statements, as `indsigt themes` orders and counts them (s32read B2)
    assert [s.title for s in report.sections] == [t.label for t in largest]
    for section in report.sections:
        theme = by_label[section.title]  # titled by the theme's readable label
        assert section.definition.startswith("Emergent tema, ikke gennemgået af en person")
        respondents = _theme_respondents(project, set(theme.passage_ids))
        assert section.respondents == len(respondents)
        count = "alle 15 ledere i" if len(respondents) == 15 else f"{len(respondents)} af 15 ledere"
        assert f"nævnt af {count}" in section.claims[0].text
        assert f" i {theme.size} udsagn (" in section.claims[0].text
        assert all(claim.refs for claim in section.claims)
        for quote in section.quotes:  # quotes come from the theme's passages
            assert {int(r.label[1:]) for r in quote.refs} & set(theme.passage_ids)
            assert not quote.text.startswith("Leder ")
    # evidence groups follow the themes, and list only the theme's substantive passages: a
    # statement's "Ja." or "Tak." before its answer said nothing the theme is about
    assert [g.title for g in report.evidence] == [s.title for s in report.sections]
    talk = conversational_ids(project.store, project.study.id)
    assert any(talk & set(t.passage_ids) for t in largest)
    for group, section in zip(report.evidence, report.sections, strict=True):
        ids = set(by_label[section.title].passage_ids)
        assert {int(p.ref.label[1:]) for p in group.passages} <= ids - talk
    assert any(section.key_points for section in report.sections)
    assert not report.codebook


def test_an_appendix_part_with_nothing_to_show_is_left_out(uncoded: Written) -> None:
    """No codebook: no "A. Kodebog: Undersøgelsen har endnu ingen kodebog." in any format
    (s32read D3); no coding, so no reliability part repeating the method's "not measured"
    (stop 33); the contents list neither."""
    files = uncoded.result.files
    letters = uncoded.context.appendix()
    assert "codebook" not in letters and "reliability" not in letters
    markdown = Path(files["md"]).read_text(encoding="utf-8")
    html = Path(files["html"]).read_text(encoding="utf-8")
    docx = docx_text(Path(files["docx"]))
    pdf = pdf_text(Path(files["pdf"]))
    for text in (markdown, html, docx, pdf):
        assert "Kodebog" not in text and ". Reliabilitet" not in text
    assert 'href="#codebook"' not in html and 'href="#reliability"' not in html
    # the method still says it was not measured
    assert uncoded.context.reliability.statement in markdown
    if not letters:  # no part at all: no appendix chapter, the evidence still listed
        assert 'id="appendix"' not in html and "## Bilag" not in markdown
        assert 'href="#evidence"' in html


def test_the_method_says_emergent_and_unreviewed(uncoded: Written) -> None:
    report = uncoded.context
    parts = _parts(report)
    emergent = parts["Emergente temaer"]
    assert "fundene er emergente temaer" in emergent
    assert "ingen person har gennemgået" in emergent
    assert "på udsagn" in emergent and "tfidf" in emergent
    assert "fandt dem selv med standardindstillingerne" in emergent
    assert "ledere, hvis udsagn falder i temaet" in emergent
    assert parts["Kodning"].startswith("Ingen person har kodet materialet")
    assert "Analyse" not in parts  # the coded path's counting sentence is not claimed
    summary = [claim.text for claim in report.summary]
    assert summary[1].startswith("Fundene er emergente temaer")
    assert any(text == "De vigtigste budskaber:" for text in summary) or any(
        "nævnt af" in text for text in summary
    )
    assert uncoded.result.coded


def test_a_theme_with_nothing_to_show_gives_its_place(
    uncoded: Written, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A theme with neither a key point nor a quote is no finding a reader can check: the
    next largest takes its section, and the method names it (s32read B3)."""
    from indsigt.analyse.keypoints import study as keypoint_study
    from indsigt.report import content

    project = uncoded.project
    store, study_id = project.store, project.study.id
    every = sorted(latest_themes(store, study_id), key=lambda t: (-t.size, t.number))
    shared, _ = emergent.split_themes(every, emergent.passage_owners(store, study_id))
    first = set(emergent._substantive(store, study_id)(shared[0]))  # the scope asked
    quotes, points = content.pull_quotes, keypoint_study.study_key_points

    def no_quotes(*args: Any, passage_ids: Any = None, **kwargs: Any) -> Any:
        return (
            ()
            if set(passage_ids or ()) == first
            else quotes(*args, passage_ids=passage_ids, **kwargs)
        )

    def no_points(*args: Any, **kwargs: Any) -> Any:
        found = points(*args, **kwargs)
        return (
            replace(found, key_points=())
            if set(kwargs.get("passage_ids") or ()) == first
            else found
        )

    monkeypatch.setattr(content, "pull_quotes", no_quotes)
    monkeypatch.setattr(keypoint_study, "study_key_points", no_points)
    report = build_context(store, study_id, lang="en")
    titles = [section.title for section in report.sections]
    assert shared[0].label not in titles
    assert titles[0] == shared[1].label and len(titles) == min(8, len(shared) - 1)
    method = _parts(report)["Emergent themes"]
    assert (
        "nor a passage fit to quote is no finding a reader can check, and gives its place to the "
        f"next largest: “{shared[0].label}” ({shared[0].size} statements)."
    ) in method
    assert f"the {len(titles)} largest of" in method and "by their number of statements" in method


def test_the_english_report_says_the_same(uncoded: Written) -> None:
    project = uncoded.project
    report = build_context(project.store, project.study.id, lang="en", key_points=False)
    parts = _parts(report)
    assert "the findings are emergent themes" in parts["Emergent themes"]
    assert "no person has reviewed" in parts["Emergent themes"]
    assert "not part of" not in parts["Coding"]  # no machine suggestions in this study
    assert [s.title for s in report.sections] == [s.title for s in uncoded.context.sections]
    assert all(s.definition.startswith("Emergent theme, not reviewed") for s in report.sections)
    assert "mentioned by" in report.sections[0].claims[0].text


def test_stored_themes_are_read_and_merged_ones_left_out(tmp_path: Path) -> None:
    """A stored run (as `indsigt themes` stores it): `indsigt report` builds its findings
    from it, without the merged theme."""
    with small_study(tmp_path, coded=False) as project:
        study = str(project.store.location)
        runner = CliRunner()
        result = study_themes(project.store, project.study.id, embedder="tfidf", k=4)
        save_themes(
            project.store,
            project.study.id,
            result,
            unit="statement",
            embedder="tfidf",
            k=4,
            seed=0,
            code=None,
        )
        first, second, *_ = latest_themes(project.store, project.study.id)
        merge_themes(project.store, project.study.id, first.id, second.id)
        stored = latest_themes(project.store, project.study.id)
        assert len(stored) == 3
        written = runner.invoke(
            main, ["report", study, "--format", "md", "--output", str(tmp_path / "out")]
        )
        assert written.exit_code == 0, written.output
        text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
        assert "Emergente temaer" in text
        assert "fandt dem selv" not in text  # it read the stored run
        report = build_context(project.store, project.study.id, key_points=False)
        assert {s.title for s in report.sections} == {t.label for t in stored}
        assert text.count("Emergent tema, ikke gennemgået") == len(stored)
        assert "4 temaer (antallet valgt af brugeren)" in _parts(report)["Emergente temaer"]
        assert "de 3 største af 3 temaer" in _parts(report)["Emergente temaer"]
        assert [t.id for t in latest_themes(project.store, project.study.id)] == [
            t.id for t in stored
        ]  # nothing new stored


def test_suggestions_only_is_inductive_with_the_machine_apart(small: Written) -> None:
    """The small study has only the machine's unreviewed suggestions: they are not counted;
    the findings are emergent themes, and each codebook theme's machine estimate is stated
    apart in the method section."""
    report = small.context
    assert report.sections and all(not s.code.count("/") for s in report.sections)
    assert {s.code for s in report.sections}.isdisjoint({"Muligheder", "Drivkræfter"})
    assert all(s.definition.startswith("Emergent tema") for s in report.sections)
    coding = _parts(report)["Kodning"]
    assert "Maskinelle kodere: keyword.v1" in coding
    assert "maskinelle forslag er ikke gennemgået og indgår ikke" in coding
    assert "Maskinelle forslag pr. tema i kodebogen, særskilte estimater" in coding
    assert "(kodet af personer); maskinelt estimat, ikke gennemgået" in coding
    assert "Emergente temaer" in _parts(report)


def test_accepted_codings_keep_the_coded_path(sample_da: Written) -> None:
    report, project = sample_da.context, sample_da.project
    assert "Emergente temaer" not in _parts(report)
    assert {s.code for s in report.sections} <= {
        "Muligheder",
        "Udfordringer",
        "Drivkræfter",
        "Mobilisering",
    }
    assert not latest_themes(project.store, project.study.id)  # no discovery ran
    # only people's codings are counted: a theme's machine suggestions are a claim apart
    machine = [c.text for s in report.sections for c in s.claims if "Maskinel kodning" in c.text]
    assert machine


def test_a_study_too_small_for_themes_says_it_has_no_findings(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("I: Hvordan går det?\nR: Det går fint med digitaliseringen.\n")
    with indsigt.init_study(
        tmp_path / "tiny.db", anonymisation_required=False, respondent_noun="Leder"
    ) as project:
        project.import_files([source])
        report = build_context(project.store, project.study.id)
        assert not report.coded and not report.sections
        assert _parts(report)["Kodning"].startswith("Ingen kodning er foretaget")
        assert any("ikke kodet" in claim.text for claim in report.summary)


def test_quotes_and_key_points_take_a_passage_scope(uncoded: Written) -> None:
    project = uncoded.project
    theme = max(latest_themes(project.store, project.study.id), key=lambda t: t.size)
    scope = set(theme.passage_ids)
    quotes = pull_quotes(
        project.store,
        project.study.id,
        passage_ids=scope,
        n=3,
        lang="da",
        k=3,
        statuses=(),
        labels={r.id: "Leder" for r in queries.respondents(project.store, project.study.id)},
        cite=lambda ids: tuple(Ref(f"P{pid}") for pid in ids),
    )
    assert quotes and all({int(r.label[1:]) for r in q.refs} & scope for q in quotes)
    with pytest.raises(ValueError):
        pull_quotes(
            project.store,
            project.study.id,
            code="X",
            passage_ids=scope,
            n=1,
            lang="da",
            k=3,
            statuses=(),
            labels={},
            cite=lambda ids: tuple(Ref(f"P{pid}") for pid in ids),
        )
    found = study_key_points(project.store, project.study.id, passage_ids=scope)
    assert found.scope == "passages"
    for point in found.key_points:
        assert set(point.passages) <= scope and point.source in scope
