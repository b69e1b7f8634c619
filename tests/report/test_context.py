"""The report context: counts agree with the segment table and the evidence, claims carry
evidence, differences are claimed only where the tests support them, the method says what
was and was not done."""

from __future__ import annotations

import re

import pytest

from indsigt.errors import IndsigtError
from indsigt.nouns import respondent_noun
from indsigt.report import parse_formats
from indsigt.report.i18n import Words
from indsigt.report.model import Report

from .conftest import Written

pytestmark = pytest.mark.slow  # the sample study, anonymised and coded, per module


def test_every_finding_agrees_with_its_evidence(sample_da: Written) -> None:
    report = sample_da.context
    table = sample_da.project.compare(statuses=("accepted",)).table  # what the report counts
    totals = {row.code: row.total.n for row in table.rows}
    groups = {group.ref.label: group for group in report.evidence}
    assert report.sections
    for section in report.sections:
        ref = section.claims[0].refs[0]
        assert section.respondents == totals[section.code]
        assert f"{section.respondents} af 15 ledere" in section.claims[0].text
        # The group and the groups beneath it hold passages from exactly that many leaders.
        inside = [
            g
            for label, g in groups.items()
            if label == ref.label or label.startswith(ref.label + ".")
        ]
        speakers = {p.speaker for g in inside for p in g.passages}
        assert len(speakers) == section.respondents
        assert groups[ref.label].summary.endswith(f"{section.respondents} af 15 ledere")


def test_every_claim_in_the_findings_has_evidence(sample_da: Written, uncoded: Written) -> None:
    _claims_have_evidence(sample_da.context)
    _claims_have_evidence(uncoded.context)  # emergent themes: a quote's "Ja." between sentences


def _claims_have_evidence(report: Report) -> None:
    """Every reference in the findings leads to a listed passage or group."""
    anchors = {g.ref.anchor for g in report.evidence}
    anchors |= {p.ref.anchor for g in report.evidence for p in g.passages}
    for section in report.sections:
        for claim in section.claims:
            assert claim.refs and all(ref.anchor in anchors for ref in claim.refs)
        for row in section.rows:
            assert row.ref is not None and row.ref.anchor in anchors
        for quote in section.quotes:
            assert quote.refs and all(ref.anchor in anchors for ref in quote.refs), quote
        for point in section.key_points:
            assert all(ref.anchor in anchors for ref in point.refs), point
    for claim in report.summary[1:6]:
        assert claim.refs or claim.lead, claim.text  # an introduction ("…:") has none


def test_summary_names_the_spread_of_sub_themes(sample_da: Written) -> None:
    report = sample_da.context
    spread = next(c for c in report.summary if c.text.startswith("Mest udbredte undertemaer"))
    assert len(spread.refs) == 4 and all("." in ref.label for ref in spread.refs)
    # the "n af 15" of each named sub-theme is the one its table row shows
    totals = {row.ref.label: row.total.text for s in report.sections for row in s.rows if row.ref}
    for ref in spread.refs:
        assert f"({totals[ref.label]})" in spread.text
    for claim in report.differences[2:]:
        assert claim.refs, claim.text


def test_quotes_are_attributed_by_level_and_checked(sample_da: Written, sample_en: Written) -> None:
    labels = {q.attribution for s in sample_da.context.sections for q in s.quotes}
    assert labels and labels <= {"Leder i kommune", "Leder i region", "Leder i staten", "Leder"}
    english = {q.attribution for s in sample_en.context.sections for q in s.quotes}
    assert english <= {"Municipal leader", "Regional leader", "Central government leader", "Leader"}
    assert all(len(s.quotes) <= 3 for s in sample_da.context.sections)


def test_a_difference_the_tests_support_is_stated_with_its_test(small_reviewed: Written) -> None:
    report = small_reviewed.context
    texts = [claim.text for claim in report.differences]
    supported = [t for t in texts if "oftere af" in t]
    assert any(
        t.startswith(
            "Data nævnes oftere af ledere i staten (4 af 4 ledere) end af ledere i regioner"
        )
        for t in supported
    )
    assert all("Holm-korrektion" in t and "Cramérs V" in t for t in supported)
    assert "Testene finder" in texts[1]
    mobilisation = next(s for s in report.sections if s.code == "Mobilisering")
    assert mobilisation.difference is not None
    assert "ikke testet" in mobilisation.difference.text  # every leader has it


def test_no_difference_is_claimed_where_the_tests_find_none(sample_da: Written) -> None:
    texts = [claim.text for claim in sample_da.context.differences]
    assert not any("oftere af" in t for t in texts)
    assert "Testene finder ingen forskelle" in texts[1]
    # the themes alike in the groups in one sentence, not each theme's sentence again
    alike = [s for s in sample_da.context.sections if s.difference and "p = " in s.difference.text]
    assert len(alike) >= 2
    (said,) = [t for t in texts if f"For {len(alike)} temaer er forskellen" in t]
    assert all(f"»{s.title}«" in said for s in alike)
    assert not any(s.difference.text in texts for s in alike if s.difference)


def test_method_of_a_study_without_anonymisation(small: Written) -> None:
    parts = {part.heading: " ".join(c.text for c in part.claims) for part in small.context.method}
    assert "ikke kræver anonymisering" in parts["Anonymisering"]
    assert "Maskinelle kodere: keyword.v1" in parts["Kodning"]
    assert parts["Kodning"].startswith("Ingen person har kodet materialet")
    assert "maskinelle forslag er ikke gennemgået og indgår ikke" in parts["Kodning"]
    assert parts["Reliabilitet"].startswith("Reliabiliteten er ikke målt")
    assert (
        "14 interviews med 14 ledere på statsligt, regionalt og kommunalt niveau"
        in parts["Datagrundlag"]
    )


def test_method_of_the_anonymised_and_double_coded_sample(sample_da: Written) -> None:
    parts = {
        part.heading: " ".join(c.text for c in part.claims) for part in sample_da.context.method
    }
    assert "Alle 13 interviews er pseudonymiseret" in parts["Anonymisering"]
    assert "Menneskelige kodere: analyst1" in parts["Kodning"]
    assert "afvist" in parts["Kodning"]
    assert "Cohens κ" in parts["Reliabilitet"]
    assert sample_da.context.reliability.measured
    assert sample_da.context.reliability.codes


def test_an_uncoded_study_reports_emergent_themes(uncoded: Written) -> None:
    """No coding: the findings are emergent themes (test_inductive.py has the details), and
    the method says no one coded and reliability was not measured."""
    report = uncoded.context
    assert report.coded and report.sections and report.evidence
    parts = {part.heading: " ".join(c.text for c in part.claims) for part in report.method}
    assert parts["Kodning"].startswith("Ingen person har kodet materialet")
    assert "ingen kodning" in parts["Reliabilitet"]
    assert "Emergente temaer" in parts


def test_saturation_curve_is_in_interview_order(sample_da: Written) -> None:
    points = sample_da.context.saturation
    assert [p.interview for p in points][:2] == ["Interview 1", "Interview 2"]
    assert [p.cumulative for p in points] == sorted(p.cumulative for p in points)
    assert sample_da.context.saturation_chart is not None


def test_formats_and_languages_are_checked() -> None:
    assert parse_formats("pdf, HTML,pdf") == ["pdf", "html"]
    with pytest.raises(IndsigtError, match="unknown report format"):
        parse_formats("html,odt")
    with pytest.raises(ValueError, match="da, en, no, sv"):
        Words("fi")


def test_words_format_numbers_the_danish_way() -> None:
    da, en = Words("da"), Words("en")
    assert da.number(0.0412, 3) == "0,041" and en.number(0.0412, 3) == "0.041"
    assert da.integer(31608) == "31.608" and en.integer(31608) == "31,608"
    assert da.percent(0.5) == "50 %" and en.percent(0.5) == "50%"
    assert da.of_leaders(9, 15) == "9 af 15 deltagere"
    assert en.of_leaders(9, 15) == "9 of 15 respondents"
    assert da.listing(["a", "b", "c"]) == "a, b og c"


def test_the_respondent_noun_leaves_placeholders_alone() -> None:
    """Regression: with the noun "Respondent" the placeholder {leaders} became {respondents},
    and every English report of such a study failed with a KeyError."""
    words = Words("en", respondent=respondent_noun("Respondent", "en"))
    text = words("data_sentence", interviews=7, leaders=7, levels="", passages="2,610", words="9")
    assert text.startswith("This report is based on 7 interviews with 7 respondents.")
    assert words("of_leaders", n=3, N=7) == "3 of 7 respondents"


def test_words_follow_the_respondent_noun() -> None:
    """Regression (issue 15): the report said "N ledere" whoever the respondents were."""
    leader = respondent_noun("Leder", "da")
    da = Words("da", respondent=leader)
    assert da.of_leaders(9, 15) == "9 af 15 ledere"
    assert da("no_segments", by="x").startswith("Lederne kan ikke")
    borger = Words("da", respondent=respondent_noun("Borger", "da"))
    assert borger("based_on", interviews=3, leaders=4, levels="") == (
        "Baseret på 3 interviews med 4 borgere"
    )
    assert borger.segment_group("kommune") == "borgere i kommuner"
    assert "»Borger A«" in borger.strings["anonymised"]
    english = Words("en", respondent=respondent_noun("Leder", "en", study_language="da"))
    assert english.of_leaders(1, 2) == "1 of 2 leaders"
    scientists = Words("en", respondent=respondent_noun("Data scientist", "en"))
    assert scientists("reason_all") == "it holds for every data scientist or for none"
    assert scientists.segment_group("kommune") == "municipal data scientists"


def test_evidence_passages_are_the_stored_pseudonymised_text(sample_da: Written) -> None:
    stored = {p.id: p.text.strip() for p in sample_da.project.passages()}
    shown = [p for g in sample_da.context.evidence for p in g.passages]
    assert len(shown) >= sample_da.result.evidence_passages
    for passage in shown:
        assert passage.text == stored[int(passage.ref.label.removeprefix("P"))]
        assert passage.speaker.startswith("Leder ")  # the pseudonym, never a name


def test_no_passage_is_quoted_twice(sample_da: Written) -> None:
    quoted = [r.label for s in sample_da.context.sections for q in s.quotes for r in q.refs]
    assert len(quoted) == len(set(quoted))
    texts = [q.text for s in sample_da.context.sections for q in s.quotes]
    assert not any(re.search(r"\bLeder [A-Z]\b", text) for text in texts)
