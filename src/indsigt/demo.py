"""`indsigt demo`: the whole chain on the bundled sample study (so far: init + import +
anonymisation + stats + coding + the interview guide, aligned + report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indsigt.progress import Progress, no_progress
from indsigt.project import Project, init_study
from indsigt.sample import RESPONDENT_NOUN, guide_file, interview_files, respondents_sheet


def run_demo(
    outdir: str | Path = "indsigt-demo",
    *,
    model: str | None = None,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Create ``OUTDIR/study.db`` from the sample study, anonymise it (rules, known
    participants, gazetteers and the proper-noun detector; the tagger only with ``model``) and
    return a summary and its statistics; write the report (``report.html``, ``report.pdf``,
    ``report.docx``) into the study's reports folder, ``OUTDIR/reports/study-1/`` (where
    ``indsigt serve OUTDIR/study.db`` lists it).

    An earlier demo study in OUTDIR is replaced (only ``study.db`` and its side files)."""
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "study.db"
    for suffix in ("", "-wal", "-shm", ".bak"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            side.unlink()
    with init_study(
        database,
        name="Digital omstilling i den offentlige sektor (eksempel)",
        language="da",
        respondent_noun=RESPONDENT_NOUN,
    ) as project:
        report = project.import_files(
            interview_files(), respondents=respondents_sheet(), progress=progress
        )
        anonymised = project.anonymise(model=model, progress=progress)
        stats = project.statistics(by="level")
        coding = _code(project, progress)
        guide = _guide(project, progress)
        # Last: the white paper from whatever the steps above produced, in the study's own
        # reports folder (OUTDIR/reports/study-1/), where the web app lists it.
        paper = project.report(format=("html", "pdf", "docx"))
    return {
        "study": str(database),
        "import": report.__dict__,
        "anonymisation": anonymised.__dict__,
        "statistics": stats.as_dict(),
        "coding": coding,
        "guide": guide,
        "report": paper.__dict__,
    }


def _code(project: Project, progress: Progress) -> dict[str, Any]:
    """Conversational marks and statements, the default codebook, then keyword and similarity
    suggestions (TF-IDF embedder, so the demo stays fast) — only on anonymised text."""
    from indsigt.guard import unanonymised_documents

    pending = unanonymised_documents(project.store, project.study.id)
    if project.study.anonymisation_required and pending:
        return {"skipped": f"{len(pending)} document(s) are not anonymised"}
    units = project.units(embedder="tfidf", progress=progress)  # statements before coding
    codebook = project.import_codebook(default=True)
    result = project.code(coders=["keyword", "similarity"], embedder="tfidf", progress=progress)
    return {
        "statements": units.substantive,
        "conversational_passages": units.conversational,
        "codes": len(codebook.added) + len(codebook.updated) + codebook.unchanged,
        **result.__dict__,
    }


def _guide(project: Project, progress: Progress) -> dict[str, Any]:
    """The sample guide, imported and aligned (TF-IDF vectors, so the demo stays fast; `indsigt
    guide STUDY align` uses e5) — only on anonymised text."""
    from indsigt.guard import unanonymised_documents

    pending = unanonymised_documents(project.store, project.study.id)
    if project.study.anonymisation_required and pending:
        return {"skipped": f"{len(pending)} document(s) are not anonymised"}
    guide = project.import_guide(guide_file())
    aligned = project.align_guide(embedder="tfidf", progress=progress)
    return {"questions": len(guide.questions), **aligned.__dict__}
