"""Build the one report context (:class:`~indsigt.report.model.Report`) from the store.

Every format renders this context and nothing else, so the HTML, PDF, DOCX and Markdown say the
same thing. The context is built from pseudonymised text, codes, codings, respondent attributes
and counts; it never reads the sealed tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any, cast

from indsigt import queries
from indsigt.analyse import saturation, segment_table
from indsigt.analyse.evidence import MISSING, CodedPassage, coded_passages, respondent_segments
from indsigt.anonymise.attribution import attribution_label, check_labels
from indsigt.errors import IndsigtError
from indsigt.ingest.groupnoun import mostly_focus_groups
from indsigt.nouns import RespondentNoun, names_focus_group
from indsigt.records import MIN_GROUP, Code, Respondent, Study
from indsigt.report import data, emergent, findings, keypoints, method
from indsigt.report.charts import PALETTE, line_chart
from indsigt.report.content import ThemeContent
from indsigt.report.evidence import EvidenceIndex, build_evidence
from indsigt.report.i18n import Words, report_language, segment_order
from indsigt.report.model import (
    Chart,
    Claim,
    CodebookRow,
    MethodPart,
    QuoteView,
    Ref,
    Reliability,
    Report,
    SaturationPoint,
    appendix_letters,
)
from indsigt.report.pullquotes import pull_quotes
from indsigt.report.reliability import reliability
from indsigt.report.summary import summarise
from indsigt.sealed import attribute_classes
from indsigt.settings import attribute_label, attribute_labels, noun_of, study_segment_by
from indsigt.store import Store

STATUSES = ("accepted",)
# Only people's codings are counted; each theme gets the machine's unreviewed suggestions as a
# separate, calibrated estimate (analyse.prevalence), never mixed into the same "n af N". With
# no codings to count, the findings are the study's emergent themes (report.emergent).


def labels_for(
    respondents: Sequence[Respondent], *, lang: str, k: int, noun: RespondentNoun | None = None
) -> dict[int, str]:
    """Attribution per respondent by level; the bare noun ("Leder"/"Leader") where a level
    has fewer than k."""
    labels = {
        r.id: attribution_label(r.attributes, level="level", language=lang, noun=noun)
        for r in respondents
    }
    rare = {warning.label for warning in check_labels(labels, k=k)}
    generic = attribution_label({}, level="leader", language=lang, noun=noun)
    return {rid: generic if label in rare else label for rid, label in labels.items()}


def study_report_language(store: Store, study_id: int) -> str:
    """The language a study's report is written in unless asked for another
    (:func:`~indsigt.report.i18n.report_language` of the study's)."""
    return report_language(queries.study(store, study_id=study_id).language)


def build_context(
    store: Store,
    study_id: int,
    *,
    lang: str | None = None,
    by: str | None = None,
    k: int = MIN_GROUP,
    statuses: Sequence[str] = STATUSES,
    quotes: int = 3,
    theme: Mapping[str, Any] | None = None,
    today: date | None = None,
    key_points: bool = True,
) -> Report:
    """The report context for one study (see the module docstring), in ``lang`` (None: the
    study's language where the report has it, else Danish)."""
    from indsigt.version import __version__

    lang = lang or study_report_language(store, study_id)
    by = by or study_segment_by(store, study_id)  # the study's, not always level

    noun, pseudonym, by_label = _names(store, study_id, lang=lang, by=by)
    if key_points:
        _ensure_statements(store, study_id)
    theme = dict(theme or {})
    palette = list(theme.get("palette") or PALETTE)
    basis = _basis(store, study_id, lang=lang, by=by, k=k, statuses=statuses, noun=noun)
    material = _material(basis.documents, noun)
    words = Words(lang, respondent=noun, pseudonym=pseudonym, material=material)
    points, curve, curve_text = _saturation(
        store, study_id, statuses, basis.coded, words, palette[0]
    )
    rel, figures = reliability(store, study_id, words, basis.titles)
    letters = _letters(basis, bool(points), rel.measured)
    found = _analyse(
        store,
        study_id,
        basis,
        words,
        palette,
        lang=lang,
        by=by,
        k=k,
        statuses=statuses,
        quotes=quotes,
        key_points=key_points,
        table_letter=letters.get("segment-table", "D"),
    )
    reliability_part = _reliability_part(rel, figures, words, letters)
    based_on = method.based_on(basis.facts, words)
    stamp, table = today or date.today(), found.table
    others, others_intro = _other_themes(found, basis, words)
    return Report(
        lang=lang,
        title=basis.study.name,
        subtitle=basis.study.description or words("white_paper"),
        based_on=based_on,
        date=words.date(stamp),
        generated=words("generated", version=__version__, date=words.date(stamp)),
        coded=bool(found.sections),
        by=by,
        by_label=by_label,
        segments=tuple(words.segment_name(s) for s in basis.segments),
        summary=_summary(basis, found, words, based_on=based_on, saturation=curve_text),
        method=_method(store, study_id, basis, found, words, statuses, k, reliability_part),
        **_overview(table, palette[0]),
        sections=found.sections,
        differences=found.differences,
        codebook=_codebook(basis, found, words),
        reliability=rel,
        saturation=points,
        saturation_chart=curve,
        saturation_text=curve_text,
        **_tables(table, found.paths, words, k),
        theme=theme,
        respondent=noun,
        pseudonym=pseudonym,
        material=material,
        other_themes=others,
        other_themes_intro=others_intro,
    )


def _letters(basis: _Basis, saturation: bool, reliability: bool) -> dict[str, str]:
    """The appendix's letters, for the references to it (its table of tests, its reliability
    figures) before the report is built; :meth:`Report.appendix` gives the renderers the
    same letters."""
    return appendix_letters(
        codebook=bool(basis.codes),
        reliability=reliability,
        saturation=saturation,
        segment_table=bool(basis.segments),
    )


def _reliability_part(
    rel: Reliability, figures: list[dict[str, Any]], words: Words, letters: dict[str, str]
) -> MethodPart:
    """The method's reliability part, pointing to its appendix part when it has one."""
    letter = letters.get("reliability", "")
    return method.reliability_part(rel.statement, figures, words, letter=letter)


def _overview(table: findings.Findings | None, color: str) -> dict[str, Any]:
    """The findings' chart and the sentence before it (:func:`findings.overview`)."""
    overview, note = findings.overview(table, color) if table else (None, None)
    return {"overview": overview, "overview_note": note}


def _tables(
    table: findings.Findings | None, paths: Sequence[str], words: Words, k: int
) -> dict[str, Any]:
    """The appendix's table of codes by group, its note, and the evidence groups."""
    if table is None:
        return {"table": (), "table_notes": (), "evidence": ()}
    return {
        "table": findings.table_rows(table, paths),
        "table_notes": (words("small_note", k=k),),
        "evidence": tuple(table.index.groups),
    }


def _codebook(basis: _Basis, found: _Found, words: Words) -> tuple[CodebookRow, ...]:
    """The codebook's rows, with their counts where codings were counted (not for emergent
    themes)."""
    table = found.table if found.emerged is None else None
    return findings.codebook_rows(basis.codes, table, words, len(basis.segment_of), found.names)


def _material(documents: Sequence[data.DocumentFacts], noun: RespondentNoun) -> str:
    """What the documents are, for the words the report uses about them: "answers" when
    every document is a written answer (a sheet's row); "discussions" when most are focus
    groups by the layout their import recorded (the rule the study's noun was settled by,
    which holds when the user named the groups "Gruppe") or the study's respondents are
    called focus groups (a focus group's transcript in a Word file has no layout to tell);
    else "interviews"."""
    if documents and all(d.written for d in documents):
        return "answers"
    if names_focus_group(noun) or mostly_focus_groups(d.focus_group for d in documents):
        return "discussions"
    return "interviews"


def _ensure_statements(store: Store, study_id: int) -> None:
    """Statements before anything reads them: quotes are chosen before key points (which
    would build them), so without this a first report quoted other passages than the next."""
    from indsigt.units import ensure_units

    ensure_units(store, study_id)


def _names(store: Store, study_id: int, *, lang: str, by: str) -> tuple[RespondentNoun, str, str]:
    """(the respondent noun, the pseudonym noun, the label of ``by``); refuses to group by an
    identifying attribute."""
    with store.connect() as connection:
        noun = noun_of(connection, study_id, lang)
        pseudonym = noun_of(connection, study_id).singular
        by_label = attribute_label(by, attribute_labels(connection, study_id))
        if not attribute_classes(connection, study_id).publishable(by):
            raise IndsigtError(
                f"the report cannot group by {by!r}: it is an identifying attribute and never "
                f"goes into a report (mark it publishable with `indsigt settings STUDY "
                f"attribute:{by} publishable` if it identifies nobody)"
            )
    return noun, pseudonym, by_label


@dataclass(frozen=True)
class _Basis:
    """What the findings are built on: the study, its documents, respondents (with their
    attribution labels and segments), the counted codings and the codebook."""

    study: Study
    documents: list[data.DocumentFacts]
    interviews: dict[int, int]  # document id → its number in the report
    respondents: list[Respondent]
    labels: dict[int, str]
    segment_of: dict[int, str]
    segments: list[str]
    coded: list[CodedPassage]
    codes: list[Code]
    facts: method.StudyFacts
    titles: dict[str, str]  # the codes' titles by path, the counted codings' included


def _basis(
    store: Store,
    study_id: int,
    *,
    lang: str,
    by: str,
    k: int,
    statuses: Sequence[str],
    noun: RespondentNoun,
) -> _Basis:
    study = queries.study(store, study_id=study_id)
    documents = data.documents(store, study_id)
    respondents = queries.respondents(store, study_id)
    segment_of = respondent_segments(store, study_id, by) if respondents else {}
    segments = segment_order(sorted(set(segment_of.values())))
    if segments == [MISSING]:
        # No respondent has the attribute (GENNOVATE's groups have no "level"): no groups to
        # compare, rather than one column "Not stated" that repeats "All", "not tested".
        segments = []
    coded = [
        c
        for c in coded_passages(store, study_id, statuses=statuses)
        if c.respondent_id is not None and c.respondent_id in segment_of
    ]
    codes = data.codes(store, study_id)
    passage_count, word_count = data.passage_totals(store, study_id)
    per_document = data.respondents_per_document(store, study_id)
    names, speaker_labels = data.applied_findings(store, study_id)
    facts = method.StudyFacts(
        study,
        documents,
        len(segment_of),
        segments,
        passage_count,
        word_count,
        sum(1 for n in per_document.values() if n > 1),
        names,
        levels=any(r.attributes.get("level") for r in respondents),
        speaker_labels=speaker_labels,
    )
    return _Basis(
        study,
        documents,
        {doc.id: number for number, doc in enumerate(documents, start=1)},
        respondents,
        labels_for(respondents, lang=lang, k=k, noun=noun),
        segment_of,
        segments,
        coded,
        codes,
        facts,
        findings.titles(codes, sorted({c.code for c in coded}), lang),
    )


@dataclass(frozen=True)
class _Found:
    """The findings: the table (codings counted, or the emergent themes), its sections with
    their key points, the differences between segments and the machine's estimates."""

    table: findings.Findings | None
    emerged: emergent.Emergent | None
    names: dict[str, str]
    sections: tuple[Any, ...]
    themes: list[keypoints.ThemePoints]
    paths: list[str]
    differences: tuple[Claim, ...]
    supported: int
    estimates: list[str]


def _analyse(
    store: Store,
    study_id: int,
    basis: _Basis,
    words: Words,
    palette: list[str],
    *,
    lang: str,
    by: str,
    k: int,
    statuses: Sequence[str],
    quotes: int,
    key_points: bool,
    table_letter: str = "D",
) -> _Found:
    coded, segment_of, segments, codes = basis.coded, basis.segment_of, basis.segments, basis.codes
    names = basis.titles
    colors = {s: palette[i % len(palette)] for i, s in enumerate(segments)}
    found: findings.Findings | None = None
    content = ThemeContent(store, study_id, basis.labels, statuses, quotes, k, by, key_points, lang)
    emerged = (
        emergent.load(store, study_id, shows=content.shows) if not coded and segment_of else None
    )
    scopes: dict[str, tuple[int, ...]] = {}
    estimates: list[str] = []
    if coded:
        table = segment_table(store, study_id, by=by, unit="respondents", k=k, statuses=statuses)
        found = findings.Findings(table, segments, names, words, colors)
        found.index = _evidence(store, coded, found, basis, words)
        if "suggested" not in statuses:
            found.machine = _machine_estimates(store, study_id, found.tops(), lang)
    elif emerged is not None:  # the inductive path: the emergent themes are the findings
        themed = [c for c in emerged.coded if c.respondent_id in segment_of]
        table = emergent.table(emerged, segment_of, by=by, k=k)
        found = findings.Findings(table, segments, dict(emerged.titles), words, colors)
        found.order, found.unit = emerged.keys, emerged.run.unit
        found.sizes = dict(emerged.sizes)
        found.index = _evidence(store, themed, found, basis, words)
        scopes = dict(emerged.scopes)
    if emerged is not None and "suggested" not in statuses:
        book = findings.titles(codes, [], lang)
        tops = sorted({code.path.split("/")[0] for code in codes})
        estimates = [
            f"{book.get(top, top)}: {text}"
            for top, text in _machine_estimates(store, study_id, tops, lang).items()
        ]
    sections = _sections(
        store, study_id, found, codes, basis.labels, statuses, quotes, k, scopes, content
    )
    if emerged is not None:
        sections = tuple(
            replace(s, definition=emergent.definition(emerged, s.code, words)) for s in sections
        )
    themes = (
        _key_points(store, study_id, found, by, k, statuses, scopes, content) if key_points else []
    )
    sections = _with_key_points(sections, themes, found, segments, words)
    paths = findings.ordered_paths(found) if found else []
    differences = findings.differences(found, paths, table=table_letter) if found else ()
    if differences:
        differences = (*differences, *keypoints.point_differences(themes, segments, words))
    supported = sum(
        1 for path in paths if found and (r := findings.difference(found, path)) and r[1]
    )
    return _Found(found, emerged, names, sections, themes, paths, differences, supported, estimates)


def _other_themes(found: _Found, basis: _Basis, words: Words) -> tuple[tuple[Claim, ...], str]:
    """The "Øvrige temaer" list of the inductive path and its intro (none on the coded
    path)."""
    if found.emerged is None or not found.emerged.others:
        return (), ""
    claims = emergent.other_claims(found.emerged, basis.segment_of, words)
    return claims, words("other_themes_intro", dominant=words.percent(emergent.DOMINANT))


def _method(
    store: Store,
    study_id: int,
    basis: _Basis,
    found: _Found,
    words: Words,
    statuses: Sequence[str],
    k: int,
    reliability_part: MethodPart,
) -> tuple[MethodPart, ...]:
    """The method section: data, anonymisation, coding (who coded how much, with what
    codebook), the emergent themes, reliability, analysis."""
    coding = method.coding_part(
        data.coder_counts(store, study_id),
        coded_passages=data.coded_passage_count(store, study_id, statuses),
        codes=len(basis.codes),
        tops=len({c.path.split("/")[0] for c in basis.codes}),
        statuses=statuses,
        words=words,
        emergent=found.emerged is not None,
        estimates=found.estimates,
    )
    return (
        method.data_part(basis.facts, words),
        method.anonymisation_part(basis.facts, words),
        coding,
        *(
            [emergent.method_part(found.emerged, k, words, grouped=bool(basis.segments))]
            if found.emerged is not None
            else []
        ),
        reliability_part,
        *([method.analysis_part(k, words)] if found.table and found.emerged is None else []),
    )


def _summary(
    basis: _Basis, found: _Found, words: Words, *, based_on: str, saturation: Claim | None
) -> tuple[Claim, ...]:
    return summarise(
        based_on=based_on,
        sections=found.sections,
        differences=found.differences,
        supported=found.supported,
        unreviewed=sum(1 for c in _unique(basis.coded) if c.status == "suggested"),
        saturation=saturation,
        words=words,
        key_points=keypoints.summary_points(found.themes, basis.segments, words),
        emergent=found.emerged is not None,
    )


def _unique(coded: Sequence[CodedPassage]) -> list[CodedPassage]:
    """One row per (passage, code, coder): the codings the findings count."""
    seen: dict[tuple[int, str, str], CodedPassage] = {}
    for item in coded:
        seen.setdefault((item.passage_id, item.code, item.coder), item)
    return list(seen.values())


def _evidence(
    store: Store,
    coded: Sequence[CodedPassage],
    found: findings.Findings,
    basis: _Basis,
    words: Words,
) -> EvidenceIndex:
    interviews, respondents, labels = basis.interviews, basis.respondents, basis.labels
    total = found.total

    def describe(subtree: Any) -> str:
        return words(
            "evidence_group",
            passages=len(subtree.passages),
            count=words.of_leaders(len(subtree.respondents), total),
        )

    return build_evidence(
        coded,
        tops=found.tops(),
        children=found.children,
        titles=found.titles,
        passages=data.passages(store, (c.passage_id for c in coded)),
        interviews=interviews,
        speakers={r.id: r.pseudonym for r in respondents},
        labels=labels,
        describe=describe,
        interview_word=words("interview"),
        redacted=words("redacted"),
    )


def _machine_estimates(
    store: Store, study_id: int, tops: Sequence[str], lang: str
) -> dict[str, str]:
    """Per theme, the prevalence the machine's suggestions point to (calibrated where a person
    reviewed a sample of them), for a claim of its own."""
    from indsigt.analyse.prevalence import code_prevalence, describe

    out = {}
    for top in tops:
        found = code_prevalence(store, study_id, top)
        if found.suggested or found.reviewed:
            out[top] = describe(found, lang)
    return out


def _sections(
    store: Store,
    study_id: int,
    found: findings.Findings | None,
    codes: Sequence[Any],
    labels: Mapping[int, str],
    statuses: Sequence[str],
    n: int,
    k: int,
    scopes: Mapping[str, tuple[int, ...]],
    content: ThemeContent,
) -> tuple[Any, ...]:
    if found is None:
        return ()
    by_path = {code.path: code for code in codes}
    index = found.index
    used: set[int] = set()

    def quotes_for(top: str) -> tuple[QuoteView, ...]:
        if n <= 0:
            return ()
        scope = scopes.get(top)  # an emergent theme's passages, or the code's codings
        if scope is not None:  # found before the themes to show were chosen, unlinked
            return tuple(
                replace(q, refs=index.cites(top, q.passage_ids)) for q in content.of(scope)[0]
            )
        return pull_quotes(
            store,
            study_id,
            code=top,
            n=n,
            lang=found.words.lang,
            k=k,
            statuses=statuses,
            labels=labels,
            cite=partial(index.cites, top),
            used=used,
        )

    return tuple(
        findings.section(found, top, number, by_path, quotes_for)
        for number, top in enumerate(found.tops(), start=1)
    )


def _key_points(
    store: Store,
    study_id: int,
    found: findings.Findings | None,
    by: str,
    k: int,
    statuses: Sequence[str],
    scopes: Mapping[str, tuple[int, ...]],
    content: ThemeContent,
) -> list[keypoints.ThemePoints]:
    """Each theme's key points (none for a theme whose passages give none); an emergent
    theme's come from its passages (``scopes``), found before the themes were chosen."""
    from indsigt.analyse.keypoints.study import study_key_points

    if found is None:
        return []
    themes = []
    used: set[str] = set()  # one sentence leads one theme (the more widespread one)
    for top in found.tops():
        scope = scopes.get(top)
        result = content.of(scope)[1] if scope is not None else None
        if result is None:
            result = study_key_points(
                store, study_id, code=top, by=by, k=k, statuses=statuses, exclude=used
            )
        used.update(point.text for point in result.key_points)
        themes.append(
            keypoints.ThemePoints(top, found.titles.get(top, top), found.index.ref(top), result)
        )
    return themes


def _with_key_points(
    sections: tuple[Any, ...],
    themes: Sequence[keypoints.ThemePoints],
    found: findings.Findings | None,
    segments: Sequence[str],
    words: Words,
) -> tuple[Any, ...]:
    if found is None or not themes:
        return sections
    by_top = {theme.top: theme for theme in themes}
    index = found.index
    return tuple(
        replace(
            section,
            key_points=keypoints.section_points(
                by_top[section.code],
                segments,
                words,
                partial(index.cites, section.code),
            ),
        )
        if section.code in by_top
        else section
        for section in sections
    )


def _saturation(
    store: Store,
    study_id: int,
    statuses: Sequence[str],
    coded: Sequence[CodedPassage],
    words: Words,
    color: str,
) -> tuple[tuple[SaturationPoint, ...], Chart | None, Claim | None]:
    if not coded:
        return (), None, None
    curve = saturation(store, study_id, statuses=statuses)
    points = tuple(
        SaturationPoint(
            f"{words('interview')} {number}",
            cast(int, point["new_codes"]),
            cast(int, point["cumulative"]),
        )
        for number, point in enumerate(curve, start=1)
    )
    values = [p.cumulative for p in points]
    total = values[-1] if values else 0
    if not total:
        return points, None, None
    chart = line_chart(
        "saturation",
        [str(i) for i in range(1, len(points) + 1)],
        values,
        alt=words("saturation_alt", n=len(points), first=values[0], last=total),
        caption=words("saturation_caption"),
        xlabel=words("interview"),
        ylabel=words("cumulative"),
        color=color,
    )
    half = math.ceil(len(points) / 2)
    tail = min(3, len(points) - half) or 1
    text = words(
        "saturation_text",
        half=half,
        n=len(points),
        share=words.percent(values[half - 1] / total),
        total=total,
        tail=tail,
        new=sum(p.new for p in points[-tail:]),
    )
    return points, chart, Claim(text, (Ref(words("saturation"), "saturation"),))
