"""What the background jobs of the web app run (see :mod:`indsigt.web.jobs`): the machine
coders (``indsigt code``), anonymisation (``indsigt anonymise``), a report (``indsigt
report``) and a REFI-QDA project (``indsigt export``), each through the library function the
command calls, with the command's defaults;
key points (``indsigt keypoints``) are :func:`indsigt.web.data.keypoints.key_points_work`.

Each ``*_work`` checks its options and returns the :data:`~indsigt.web.jobs.Work` to run; the
result it returns is a summary (counts, file names, a link), never document text.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from indsigt.folders import study_reports
from indsigt.progress import Progress
from indsigt.records import Study
from indsigt.store import Store
from indsigt.web.i18n import N_
from indsigt.web.jobs import Work
from indsigt.web.problems import BadInput

KINDS = ("code", "anonymise", "report", "keypoints", "export")
KIND_NAMES = {
    "code": N_("machine coders"),
    "anonymise": N_("anonymisation"),
    "report": N_("report"),
    "export": N_("REFI-QDA export"),
    "keypoints": N_("Key points"),  # started from a code, theme or key points page
}
CODERS = ("keyword", "similarity", "supervised")
DEFAULT_CODERS = ("keyword", "similarity")  # as `indsigt code`
EMBEDDERS = ("e5", "tfidf")
TAGGERS = ("default", "none")
REPORT_LANGUAGES = ("da", "en", "no", "sv")
REPORT_FORMATS = ("html", "pdf", "docx", "md")
DEFAULT_FORMATS = ("html", "pdf", "docx")


def _one_of(value: str, allowed: Sequence[str], key: str) -> str:
    """``value`` when it is one of ``allowed``, else the refusal naming the option ``key``."""
    if value not in allowed:
        raise BadInput(
            N_("%(key)s %(value)r: use one of %(choices)s"),
            key=key,
            value=value,
            choices=", ".join(allowed),
        )
    return value


def _choose(values: Sequence[str], allowed: Sequence[str], key: str) -> list[str]:
    chosen = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    return [_one_of(value, allowed, key) for value in chosen]


def code_work(
    store: Store, study: Study, *, coders: Sequence[str], embedder: str, actor: str
) -> tuple[Work, dict[str, Any]]:
    """The machine coders over the study's passages (``indsigt code``); their codings are
    stored as suggestions for the queue."""
    chosen = _choose(coders, CODERS, "coder") or list(DEFAULT_CODERS)
    _one_of(embedder, EMBEDDERS, "embedder")
    options = {"coders": chosen, "embedder": embedder}

    def work(progress: Progress) -> dict[str, Any]:
        from indsigt.coding import CoderSettings, code_study

        settings = CoderSettings(embedder=embedder, language=study.language)
        report = code_study(
            store, study.id, coders=chosen, settings=settings, progress=progress, actor=actor
        )
        return {
            "passages": report.passages,
            "skipped": report.skipped,
            "coders": report.coders,
            "suggested": sum(counts.get("suggested", 0) for counts in report.coders.values()),
            "notes": report.notes,
            "href": f"/studies/{study.id}/queue",
            "link": N_("Review the suggestions"),
        }

    return work, options


def anonymise_work(
    store: Store, study: Study, *, tagger: str, actor: str
) -> tuple[Work, dict[str, Any]]:
    """Anonymise every document (``indsigt anonymise``; ``tagger="none"`` is
    ``--no-tagger``); afterwards the findings page reviews what was found."""
    _one_of(tagger, TAGGERS, "tagger")

    def work(progress: Progress) -> dict[str, Any]:
        from indsigt.anonymise.detectors import NO_TAGGER
        from indsigt.anonymise.study import anonymise_study

        report = anonymise_study(
            store,
            study.id,
            model=NO_TAGGER if tagger == "none" else None,
            actor=actor,
            progress=progress,
        )
        return {
            **asdict(report),
            "href": f"/studies/{study.id}/findings",
            "link": N_("Review the findings"),
        }

    return work, {"tagger": tagger}


def describe_anonymise(what: str) -> str:
    """A progress message without the document's file name (it may name a person)."""
    return "anonymising a document" if what.startswith("anonymising ") else what


def report_work(
    store: Store,
    study: Study,
    *,
    lang: str,
    formats: Sequence[str],
    root: Path | None,
) -> tuple[Work, dict[str, Any]]:
    """The white paper in ``lang`` (``indsigt report --lang``), written as ``report-LANG.EXT``
    into the study's reports folder, where the Reports page lists it."""
    _one_of(lang, REPORT_LANGUAGES, "lang")
    chosen = _choose(formats, REPORT_FORMATS, "format") or list(DEFAULT_FORMATS)
    if root is None:
        raise BadInput(N_("this server has no reports folder (start it with --reports DIR)"))
    folder = study_reports(root, study.id)

    def work(progress: Progress) -> dict[str, Any]:
        from indsigt.report import write_report

        folder.mkdir(parents=True, exist_ok=True)
        staging = folder / f".writing-{lang}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            result = write_report(
                store, study.id, format=chosen, lang=lang, output=staging, progress=progress
            )
            files: dict[str, str] = {}
            for kind, written in result.files.items():
                target = folder / f"report-{lang}.{kind}"
                Path(written).replace(target)  # whole files only: a preview never sees half
                files[kind] = target.name
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return {
            "files": files,
            "lang": lang,
            "sections": result.sections,
            "evidence_groups": result.evidence_groups,
            "notes": result.notes,
            "href": f"/studies/{study.id}/reports",
            "link": N_("Open the reports"),
        }

    return work, {"lang": lang, "formats": chosen}


def export_name(study: Study) -> str:
    """The file the export job writes into the study's reports folder."""
    return f"refi-qda-study-{study.id}.qdpx"


def export_work(store: Store, study: Study, *, root: Path | None) -> tuple[Work, dict[str, Any]]:
    """The study as a REFI-QDA project (``indsigt export``: for NVivo, ATLAS.ti, MAXQDA,
    QualCoder; no names, no identifying attributes), written into the study's reports folder,
    where the Reports page lists it for download."""
    if root is None:
        raise BadInput(N_("this server has no reports folder (start it with --reports DIR)"))
    folder = study_reports(root, study.id)

    def work(progress: Progress) -> dict[str, Any]:
        from indsigt.interchange import export_study

        folder.mkdir(parents=True, exist_ok=True)
        target = folder / export_name(study)
        staging = folder / f".writing-{target.name}"
        progress(0, 1, "writing")
        try:
            report = export_study(store, study.id, staging)
            staging.replace(target)  # a whole file only: a download never gets half
        finally:
            staging.unlink(missing_ok=True)
        progress(1, 1, "written")
        return {
            "file": target.name,
            "sources": report.sources,
            "codes": report.codes,
            "codings": report.codings,
            "cases": report.cases,
            "notes": list(report.warnings),
            "href": f"/studies/{study.id}/reports",
            "link": N_("Open the reports"),
        }

    return work, {}
