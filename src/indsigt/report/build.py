"""``indsigt report``: check the study may be reported on, build the one context, and write
each format from it."""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypedDict, Unpack

from indsigt.errors import IndsigtError
from indsigt.folders import REPORTS, reports_root, study_reports
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.report.context import build_context, study_report_language
from indsigt.report.formats import report_writers
from indsigt.report.i18n import LANGUAGES, Words
from indsigt.report.prose import Model, prose_summary
from indsigt.stagecall import forwards
from indsigt.store import Store

FORMATS = ("html", "pdf", "docx", "md")  # the built-in formats (plugins may add more)


@dataclass(frozen=True)
class ReportResult:
    files: dict[str, str]  # format → path written
    lang: str
    sections: int
    evidence_groups: int
    evidence_passages: int
    coded: bool
    seconds: float
    notes: list[str] = field(default_factory=list)


def parse_formats(format: str | Sequence[str]) -> list[str]:
    """``"html,pdf"`` or ``["html", "pdf"]`` → known formats (built-in or a plugin's) in the
    order given."""
    items = format.split(",") if isinstance(format, str) else list(format)
    chosen = [item.strip().lower().lstrip(".") for item in items if item.strip()]
    known = report_writers()
    unknown = [item for item in chosen if item not in known]
    if unknown or not chosen:
        raise IndsigtError(
            f"unknown report format {', '.join(unknown) or '(none)'}; use {','.join(known)}"
        )
    return list(dict.fromkeys(chosen))


def default_output(store: Store, study_id: int) -> Path:
    """The study's own folder ``reports/study-N/`` beside the study file (where `indsigt serve`
    lists study N's reports), else ``./reports/study-N/``."""
    root = reports_root(store.location) or Path.cwd() / REPORTS
    return study_reports(root, study_id)


class ContextOptions(TypedDict, total=False):
    """What :func:`write_report` passes on to :func:`~indsigt.report.context.build_context`
    (the defaults are there)."""

    by: str
    k: int
    statuses: Sequence[str]
    quotes: int


def write_report(
    store: Store,
    study_id: int,
    *,
    format: str | Sequence[str] = FORMATS,
    lang: str | None = None,
    template: str | Path | None = None,
    output: str | Path | None = None,
    llm: Model | None = None,
    progress: Progress = no_progress,
    **options: Unpack[ContextOptions],
) -> ReportResult:
    """Write ``report.<format>`` for each format into ``output`` (see the module docstring),
    in ``lang`` (None: the study's language where the report has it, else Danish).

    Refuses a study that needs anonymisation and is not anonymised. With ``llm`` (a model on a
    local endpoint, see :mod:`indsigt.report.prose`), the summary also gets a checked paragraph.
    ``progress`` hears of each step: the context, then each format written.
    """
    from indsigt.report.html import load_theme, render_html

    started = time.perf_counter()
    formats = parse_formats(format)
    lang = lang or study_report_language(store, study_id)  # the result and the summary name it
    if lang not in LANGUAGES:
        raise IndsigtError(f"report language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    require_anonymised(store, study_id, stage="report")
    theme = load_theme(template)
    steps = len(formats) + 1
    progress(0, steps, "context")
    report = build_context(store, study_id, lang=lang, theme=theme, **options)
    notes: list[str] = []
    if llm is not None:
        model_id = str(getattr(llm, "model_id", "model"))
        prose = prose_summary(report.summary, llm, lang=lang, model_id=model_id)
        if prose.claims:
            report = replace(
                report,
                summary_prose=prose.claims,
                prose_note=Words(lang)("prose_note", model=model_id),
            )
        else:
            notes.append(f"the model's summary paragraph was not used: {prose.rejected}")
    folder = Path(output) if output else default_output(store, study_id)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    writers = report_writers()
    html = functools.cache(lambda: render_html(report, template=template))
    for step, kind in enumerate(formats, start=1):
        progress(step, steps, kind)
        target = folder / f"report.{kind}"
        writers[kind]().write(report, target, html=html, template=template)
        files[kind] = str(target)
    progress(steps, steps, "written")
    if not report.coded:
        notes.append("the study has no coded passages: the report says so")
    return ReportResult(
        files=files,
        lang=lang,
        sections=len(report.sections),
        evidence_groups=len(report.evidence),
        evidence_passages=len({p.ref.label for g in report.evidence for p in g.passages}),
        coded=report.coded,
        seconds=round(time.perf_counter() - started, 2),
        notes=notes,
    )


forwards(write_report, build_context, ContextOptions)


class ReportOptions(TypedDict, total=False):
    """What :func:`study_report` passes on to :func:`write_report` (the defaults are there)."""

    format: str | Sequence[str]
    lang: str | None
    template: str | Path | None
    output: str | Path | None


def study_report(
    store: Store,
    study_id: int,
    *,
    llm_url: str | None = None,
    llm_model: str | None = None,
    allow_remote: bool = False,
    **options: Unpack[ReportOptions],
) -> ReportResult:
    """Write the white paper (HTML, PDF, DOCX, Markdown) by :func:`write_report`. With
    ``llm_url`` and ``llm_model`` a model on that OpenAI-compatible endpoint also words the
    summary as a checked paragraph (:mod:`indsigt.report.prose`); ``allow_remote`` allows an
    endpoint that is not on this machine."""
    llm = None
    if llm_url or llm_model:
        if not (llm_url and llm_model):
            raise IndsigtError("a summary paragraph needs both --llm-url and --llm-model")
        from indsigt.coding.endpoint import OpenAIEndpoint

        llm = OpenAIEndpoint(llm_url, llm_model, allow_remote=allow_remote)
    return write_report(store, study_id, llm=llm, **options)


forwards(study_report, write_report, ReportOptions)
