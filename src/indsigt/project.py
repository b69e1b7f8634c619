"""The study facade: open a study, then call one function per stage. It holds no algorithm;
each method delegates to the stage module that does the work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from indsigt import queries
from indsigt.errors import IndsigtError, StoreError, describe_unexpected
from indsigt.ingest.pipeline import import_files
from indsigt.ingest.remove import remove_documents
from indsigt.ingest.respondents import speaker_sheet, write_speaker_sheet
from indsigt.records import (
    Document,
    Passage,
    Speaker,
    Study,
    Turn,
)
from indsigt.stagecall import OnStudy, lazy
from indsigt.store import Store, graph, schema

# The stage functions that are Project methods as they are (OnStudy): imported for the type
# checker, and at run time when first called.
if TYPE_CHECKING:
    from indsigt.analyse.compare import compare_study
    from indsigt.analyse.keypoints.study import study_key_points
    from indsigt.analyse.prevalence import code_prevalence, sample_suggestions
    from indsigt.analyse.themetable import theme_segment_table
    from indsigt.anonymise.review import add_decision, findings, findings_in_context
    from indsigt.anonymise.study import anonymise_study
    from indsigt.batch.job import run_batch
    from indsigt.coding.order import documents_to_code
    from indsigt.coding.review import list_codings, review_codings
    from indsigt.coding.run import passages_to_code, run_coding
    from indsigt.guide.study import align_study, import_guide, load_guide
    from indsigt.interchange import export_study
    from indsigt.matrix import study_matrix
    from indsigt.quotes import study_quotes
    from indsigt.report import study_report
    from indsigt.settings import change_setting, study_noun, study_settings
    from indsigt.stats import study_statistics
    from indsigt.themes.runs import discover_and_store, latest_stored_run
    from indsigt.units import build_units, marks, statements
else:
    compare_study = lazy("indsigt.analyse.compare:compare_study")
    theme_segment_table = lazy("indsigt.analyse.themetable:theme_segment_table")
    add_decision = lazy("indsigt.anonymise.review:add_decision")
    findings = lazy("indsigt.anonymise.review:findings")
    findings_in_context = lazy("indsigt.anonymise.review:findings_in_context")
    study_key_points = lazy("indsigt.analyse.keypoints.study:study_key_points")
    code_prevalence = lazy("indsigt.analyse.prevalence:code_prevalence")
    sample_suggestions = lazy("indsigt.analyse.prevalence:sample_suggestions")
    anonymise_study = lazy("indsigt.anonymise.study:anonymise_study")
    run_batch = lazy("indsigt.batch.job:run_batch")
    list_codings = lazy("indsigt.coding.review:list_codings")
    review_codings = lazy("indsigt.coding.review:review_codings")
    passages_to_code = lazy("indsigt.coding.run:passages_to_code")
    documents_to_code = lazy("indsigt.coding.order:documents_to_code")
    run_coding = lazy("indsigt.coding.run:run_coding")
    align_study = lazy("indsigt.guide.study:align_study")
    export_study = lazy("indsigt.interchange.exporters:export_study")
    import_guide = lazy("indsigt.guide.study:import_guide")
    load_guide = lazy("indsigt.guide.study:load_guide")
    study_matrix = lazy("indsigt.matrix.build:study_matrix")
    study_quotes = lazy("indsigt.quotes.select:study_quotes")
    study_report = lazy("indsigt.report.build:study_report")
    change_setting = lazy("indsigt.settings:change_setting")
    study_settings = lazy("indsigt.settings:study_settings")
    study_noun = lazy("indsigt.settings:study_noun")
    study_statistics = lazy("indsigt.stats:study_statistics")
    discover_and_store = lazy("indsigt.themes.runs:discover_and_store")
    latest_stored_run = lazy("indsigt.themes.runs:latest_stored_run")
    build_units = lazy("indsigt.units:build_units")
    marks = lazy("indsigt.units:marks")
    statements = lazy("indsigt.units:statements")

if TYPE_CHECKING:
    from indsigt.codebook import Codebook, CodebookImport
    from indsigt.coding.review import Undone
    from indsigt.store.check import CheckReport
    from indsigt.themes import StoredTheme


class Project:
    """An open study: its store and the study record."""

    def __init__(self, store: Store, study: Study) -> None:
        self.store = store
        self.study = study

    # -- ingest -----------------------------------------------------------------------------
    import_files = OnStudy(import_files)
    remove_documents = OnStudy(remove_documents)

    # -- store ------------------------------------------------------------------------------
    def check(self) -> CheckReport:
        """The integrity check of ``indsigt db check`` (see ``indsigt.store.check``)."""
        from indsigt.store.check import check_study

        return check_study(self.store, self.study.id, name=self.study.name)

    # -- interchange ------------------------------------------------------------------------
    export = OnStudy(export_study)

    # -- anonymise --------------------------------------------------------------------------
    anonymise = OnStudy(anonymise_study)

    findings = OnStudy(findings)
    findings_in_context = OnStudy(findings_in_context)

    review_finding = OnStudy(add_decision)

    # -- codebook and coding ----------------------------------------------------------------
    def codebook(self) -> Codebook:
        """The study's codebook (codes with their store ids)."""
        from indsigt.codebook import load_codebook

        return load_codebook(self.store, self.study.id, name=self.study.name)

    def import_codebook(
        self,
        path: str | Path | None = None,
        *,
        format: str | None = None,
        schema: str | Path | None = None,
        default: bool = False,
        actor: str = "cli",
    ) -> CodebookImport:
        """Merge a codebook file (or, with ``default``, the bundled one) into the study;
        ``actor`` names who did it in the audit log."""
        from indsigt.codebook import default_codebook, read_codebook, save_codebook

        if (path is None) == (not default):
            raise IndsigtError("name a codebook file, or ask for the default codebook")
        codebook = (
            default_codebook()
            if default
            else read_codebook(path or "", format=format, schema=schema)
        )
        return save_codebook(
            self.store,
            self.study.id,
            codebook,
            source=str(path) if path else "default",
            actor=actor,
        )

    def export_codebook(
        self,
        output: str | Path,
        *,
        format: str | None = None,
        language: str | None = None,
        schema: str | Path | None = None,
    ) -> Path:
        """Write the study's codebook as YAML, CSV or REFI-QDA ``.qdc``."""
        from indsigt.codebook import write_codebook

        return write_codebook(
            self.codebook(),
            output,
            format=format,
            language=language or self.study.language,
            schema=schema,
        )

    code = OnStudy(run_coding)

    codings = OnStudy(list_codings)
    review_codings = OnStudy(review_codings)

    def undo_coding(self, coding_id: int, *, user: str) -> Undone:
        """Take back ``user``'s decision on a suggestion (and its twins); an audit event."""
        from indsigt.coding import undo
        from indsigt.coding.review import Undone

        done = undo(self.store, self.study.id, coding_id, user=user)
        return Undone(done["id"], done["status"], done["was"], tuple(done["codings"]))

    sample_suggestions = OnStudy(sample_suggestions)
    prevalence = OnStudy(code_prevalence)
    passages_to_code = OnStudy(passages_to_code)
    documents_to_code = OnStudy(documents_to_code)

    # -- reading ----------------------------------------------------------------------------
    documents = OnStudy(queries.documents)
    document = OnStudy(queries.document)
    respondents = OnStudy(queries.respondents)
    speaker_sheet = OnStudy(speaker_sheet)
    write_speaker_sheet = OnStudy(write_speaker_sheet)

    def speakers(self, doc: Document) -> list[Speaker]:
        return queries.speakers(self.store, doc.id)

    def turns(self, doc: Document) -> list[Turn]:
        return queries.turns(self.store, doc.id)

    def passages(self, doc: Document | None = None) -> list[Passage]:
        return queries.passages(self.store, self.study.id, doc.id if doc else None)

    compare = OnStudy(compare_study)
    compare_themes = OnStudy(theme_segment_table)

    quotes = OnStudy(study_quotes)

    report = OnStudy(study_report)

    keypoints = OnStudy(study_key_points)

    themes = OnStudy(discover_and_store)
    stored_themes = OnStudy(latest_stored_run)

    def rename_theme(self, number: int, label: str, *, code: str | None = None) -> StoredTheme:
        """Name theme ``number`` of the latest stored run (see :func:`rename_theme`)."""
        from indsigt.themes.stored import rename_theme, theme_by_number

        theme = theme_by_number(self.store, self.study.id, number, scope=code)
        return rename_theme(self.store, self.study.id, theme.id, label)

    def merge_themes(self, number: int, other: int, *, code: str | None = None) -> StoredTheme:
        """Merge theme ``other`` into theme ``number`` (latest stored run)."""
        from indsigt.themes.stored import merge_themes, theme_by_number

        into = theme_by_number(self.store, self.study.id, number, scope=code)
        source = theme_by_number(self.store, self.study.id, other, scope=code)
        return merge_themes(self.store, self.study.id, into.id, source.id)

    def promote_theme(self, number: int, *, path: str, code: str | None = None) -> int:
        """Make theme ``number`` of the latest stored run a code at ``path``; the code id."""
        from indsigt.themes.stored import promote_stored_theme, theme_by_number

        theme = theme_by_number(self.store, self.study.id, number, scope=code)
        return promote_stored_theme(self.store, self.study.id, theme.id, path=path)

    # -- interview guide and framework matrix ----------------------------------------------
    import_guide = OnStudy(import_guide)

    def turn_questions(self, doc: Document) -> dict[int, str | None]:
        """Turn id → the guide label stored by :meth:`align_guide` (empty if not aligned)."""
        from indsigt.guide.study import turn_questions

        return turn_questions(doc.metadata)

    guide = OnStudy(load_guide)

    align_guide = OnStudy(align_study)

    matrix = OnStudy(study_matrix)

    # -- units ------------------------------------------------------------------------------
    units = OnStudy(build_units)
    marks = OnStudy(marks)
    statements = OnStudy(statements)

    # -- large studies ----------------------------------------------------------------------
    batch = OnStudy(run_batch)
    settings = OnStudy(study_settings)
    noun = OnStudy(study_noun)
    change_setting = OnStudy(change_setting)
    statistics = OnStudy(study_statistics)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def init_study(
    location: str | Path,
    *,
    name: str | None = None,
    language: str | None = None,
    description: str = "",
    anonymisation_required: bool = True,
    respondent_noun: str | None = None,
) -> Project:
    """Create a new study: an SQLite file (default) or an empty PostgreSQL database.
    ``language`` None: the language of the first documents imported (Danish until then, see
    :func:`indsigt.ingest.pipeline.settle_language`), so English transcripts get English
    pseudonyms and placeholders without asking. ``respondent_noun`` is the study's word for a
    respondent ("Leder"; default: a neutral word for the language, see :mod:`indsigt.nouns`)."""
    from indsigt import nouns
    from indsigt.ingest.pipeline import LANGUAGE_FROM_DOCUMENTS

    if respondent_noun:
        # a bad noun fails before the file exists
        nouns.parse_noun(respondent_noun, language or "da")
    store = Store.create(location)
    study_name = name or (Path(str(location)).stem if "://" not in str(location) else "study")
    with store.begin() as connection:
        study_id = graph.create_study(
            connection,
            store,
            name=study_name,
            language=language or "da",
            description=description,
            anonymisation_required=anonymisation_required,
        )
        if language is None:
            connection.execute(
                schema.setting.insert().values(
                    study_id=study_id, key=LANGUAGE_FROM_DOCUMENTS, value="pending"
                )
            )
        if respondent_noun:
            connection.execute(
                schema.setting.insert().values(
                    study_id=study_id, key=nouns.SETTING, value=respondent_noun.strip()
                )
            )
    return Project(store, queries.study(store, name=study_name))


def open_study(location: str | Path, *, name: str | None = None) -> Project:
    """Open an existing study (SQLite path or PostgreSQL URL)."""
    store = Store.open(location)
    try:
        return Project(store, queries.study(store, name=name))
    except IndsigtError:
        store.close()
        raise
    except sa.exc.SQLAlchemyError as exc:  # pragma: no cover - defensive
        store.close()
        raise StoreError(f"{location}: cannot read the study ({describe_unexpected(exc)})") from exc
