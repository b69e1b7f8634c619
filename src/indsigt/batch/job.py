"""``indsigt batch``: a consultation sheet through import → anonymise → code → segment tables
as a partitioned job (see ARCHITECTURE.md, "Batch jobs").

The driver (this module) streams the sheet in partitions of ``partition_size`` rows, keeps at
most ``max_in_flight`` partitions between reading and writing (backpressure: memory stays
bounded whatever the sheet's size), numbers new pseudonyms in partition order, and is the
only writer: each finished partition is written with its "done" row in one transaction
(``writer.py``). A job interrupted anywhere — a worker killed, the driver stopped — is
resumed with ``resume=JOB``: stored partitions are skipped, the others done again.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from indsigt.anonymise.base import PER
from indsigt.anonymise.pseudonyms import Pseudonyms
from indsigt.batch.context import Decision, WorkContext
from indsigt.batch.engine import Engine, open_engine
from indsigt.batch.ledger import (
    BatchReport,
    JobOptions,
    create_job,
    finish_job,
    load_job,
    set_status,
    source_hash,
)
from indsigt.batch.source import guess_answer_columns, respondent_attributes, scan
from indsigt.batch.source import partitions as read_partitions
from indsigt.batch.work import Finished, finish, names_of, prepare
from indsigt.batch.writer import WriterState, write_partition
from indsigt.codebook.model import Codebook
from indsigt.codebook.repository import load_codebook
from indsigt.coding.base import Coder, runs_per_partition
from indsigt.coding.run import CoderSettings, build_coder, coder_classes, resolve
from indsigt.errors import IndsigtError, InputError, describe_unexpected, listing
from indsigt.ingest.stream import check_readable, file_sha256
from indsigt.progress import Progress, no_progress
from indsigt.records import MIN_GROUP
from indsigt.segment import get_segmenter
from indsigt.store import Store, schema
from indsigt.store.textlock import StaleStudyError

Rows = list[tuple[int, dict[str, str]]]


def run_batch(
    store: Store,
    study_id: int,
    source: str | Path,
    *,
    text_columns: Sequence[str] = (),
    id_column: str | None = None,
    respondents: str | Path | None = None,
    sheet: str | None = None,
    language: str | None = None,
    unit: str = "sentence",
    coders: Sequence[str] = ("keyword",),
    by: Sequence[str] = (),
    engine: str | Engine = "local",
    workers: int | None = None,
    partition_size: int = 2000,
    max_in_flight: int | None = None,
    k: int = MIN_GROUP,
    resume: int | None = None,
    model: str | None = None,
    progress: Progress = no_progress,
    actor: str = "cli",
) -> BatchReport:
    """Run (or with ``resume`` continue) a batch job over the sheet ``source``. ``model``:
    the tagger (see ``anonymise.detectors.load_tagger``; default: the study's)."""
    began = time.perf_counter()
    path = Path(source)
    check_readable(path)
    study = _study(store, study_id)
    notes: list[str] = []
    if resume is not None:
        job_id, options, done = load_job(store, study_id, resume, path)
    else:
        options = _options(
            study,
            path,
            notes,
            text_columns=text_columns,
            id_column=id_column,
            respondents=respondents,
            sheet=sheet,
            language=language,
            unit=unit,
            coders=coders,
            by=by,
            partition_size=partition_size,
        )
        job_id, done = None, {}
    _check_coders(options)
    segmenter = get_segmenter(options.unit)
    progress(0, 1, "checking the sheet")
    file_hash = file_sha256(path)
    attributes = respondent_attributes(options.respondents)
    total_rows, languages = scan(path, options, file_hash, attributes)
    codebook = _codebook(store, study_id, options)
    partitions = -(-total_rows // options.partition_size)
    if job_id is not None and source_hash(store, job_id) != file_hash:
        raise InputError(path, f"the file has changed since job {job_id} started; run a new job")
    context, state, pseudonyms = _context(
        store, study, job_id or 0, path, file_hash, options, segmenter, attributes, codebook,
        languages, notes, model,
    )  # fmt: skip
    owned = isinstance(engine, str)
    runner = open_engine(engine, workers=workers) if isinstance(engine, str) else engine
    try:
        with _failed_job(store, state, path):
            # Everything is checked and the engine is up: only now is the job recorded.
            if job_id is None:
                job_id = create_job(store, study_id, path, file_hash, options, partitions, actor)
                state.job_id = job_id
            _drive(
                store, runner, context, state, pseudonyms, path, options, done, total_rows,
                max_in_flight or max(2, 2 * runner.workers), progress, actor,
            )  # fmt: skip
            report = finish_job(store, job_id, runner, total_rows, partitions, len(done), k, began)
    finally:
        if owned:
            runner.close()
    return BatchReport(**{**report.__dict__, "notes": notes + report.notes})


def _options(
    study: dict[str, Any],
    path: Path,
    notes: list[str],
    *,
    text_columns: Sequence[str],
    id_column: str | None,
    respondents: str | Path | None,
    sheet: str | None,
    language: str | None,
    unit: str,
    coders: Sequence[str],
    by: Sequence[str],
    partition_size: int,
) -> JobOptions:
    """A new job's options, checked; the answer columns guessed (and said in ``notes``) where
    none are named."""
    if not text_columns:
        text_columns = guess_answer_columns(path, sheet=sheet)
        notes.append(
            f"answers read from column(s) {listing(text_columns)} "
            "(--text-column chooses the answer columns)"
        )
    if partition_size < 1:
        raise IndsigtError("--partition-size must be at least 1")
    return JobOptions(
        text_columns=tuple(text_columns),
        id_column=id_column,
        sheet=sheet,
        language=language,
        unit=unit,
        coders=tuple(dict.fromkeys(resolve(name) for name in coders)),
        by=tuple(by) or tuple(study["segment_attributes"]) or ("level",),
        partition_size=partition_size,
        respondents=str(respondents) if respondents else None,
    )


def _codebook(store: Store, study_id: int, options: JobOptions) -> Codebook:
    codebook = load_codebook(store, study_id)
    if options.coders and not len(codebook):
        raise IndsigtError(
            "the study has no codebook: `indsigt codebook STUDY import FILE` "
            "(or `--default` for the bundled one)"
        )
    return codebook


def _check_coders(options: JobOptions) -> None:
    """Every coder of the job runs per partition (a built-in's or a plugin's, by its class's
    ``per_partition`` flag; see ``indsigt.coding.base.Coder``)."""
    known = coder_classes()
    for name in options.coders:
        if name not in known or not runs_per_partition(known[name]):
            able = ", ".join(sorted(n for n, cls in known.items() if runs_per_partition(cls)))
            raise IndsigtError(
                f"the coder {name} does not run in batch jobs (there: {able}); "
                "run it with `indsigt code` afterwards"
            )


@contextmanager
def _failed_job(store: Store, state: WriterState, path: Path) -> Iterator[None]:
    """Mark the job failed on any error; say how to resume it where that helps."""
    kept = "partitions written so far are kept: continue with `indsigt batch STUDY {} --resume {}`"
    try:
        yield
    except StaleStudyError as exc:
        set_status(store, state.job_id, "failed")
        raise StaleStudyError(f"{exc} The {kept.format(path, state.job_id)}") from None
    except IndsigtError:
        set_status(store, state.job_id or None, "failed")
        raise
    except Exception as exc:
        job_id = state.job_id or None  # None: not recorded yet
        set_status(store, job_id, "failed")
        # The class and place only: an exception's message may hold answer text.
        stopped = f"job {job_id} stopped ({describe_unexpected(exc)})"
        raise IndsigtError(f"{stopped}; the {kept.format(path, job_id)}") from exc
    except BaseException:
        set_status(store, state.job_id or None, "failed")
        raise


# -- the driver loop ------------------------------------------------------------------------


def _drive(
    store: Store,
    engine: Engine,
    context: WorkContext,
    state: WriterState,
    pseudonyms: Pseudonyms,
    path: Path,
    options: JobOptions,
    done: dict[int, int],
    total_rows: int,
    window: int,
    progress: Progress,
    actor: str,
) -> None:
    shared = engine.share(context)
    run = uuid.uuid4().hex[:8]
    source = read_partitions(path, options)
    order: deque[int] = deque()  # partitions waiting for their names, in partition order
    prepared: dict[int, Any] = {}  # number → step-1 task (until the partition is written)
    naming: dict[int, Any] = {}
    names: dict[int, list[str]] = {}
    finishing: dict[int, Any] = {}
    assigned: dict[int, list[str]] = {}
    rows_of: dict[int, int] = {}
    rows_done = sum(done.values())
    passages = 0
    exhausted = False
    progress(rows_done, total_rows, "batch")
    while True:
        while not exhausted and len(prepared) < window:
            item = next(source, None)
            if item is None:
                exhausted = True
                break
            number, rows, _ = item
            if number in done:
                continue
            rows_of[number] = len(rows)
            task = engine.submit(prepare, number, rows, shared, key=f"prepare-{run}-{number}")
            prepared[number] = task
            naming[number] = engine.submit(names_of, task, key=f"names-{run}-{number}")
            order.append(number)
        if not prepared:
            break
        waiting = {id(t): ("names", n) for n, t in naming.items()}
        waiting.update({id(t): ("finish", n) for n, t in finishing.items()})
        ready = engine.done([*naming.values(), *finishing.values()], timeout=1.0)
        finished_now: list[int] = []
        for task in ready:
            kind, number = waiting[id(task)]
            if kind == "names":
                names[number] = engine.result(task)
                engine.release(naming.pop(number))
            else:
                finished_now.append(number)
        while order and order[0] in names:
            number = order.popleft()
            # New names are numbered here, in partition order: the same pseudonyms as one
            # sequential `indsigt anonymise` over the same rows.
            assigned[number] = [pseudonyms.lookup(name) for name in names.pop(number)]
            finishing[number] = engine.submit(
                finish, prepared[number], assigned[number], shared, key=f"finish-{run}-{number}"
            )
        for number in finished_now:
            task = finishing.pop(number)
            finished: Finished = engine.result(task)
            written = write_partition(
                store, state, finished, assigned.pop(number), summary=_summary(finished),
                actor=actor,
            )  # fmt: skip
            engine.release(task)
            engine.release(prepared.pop(number))
            rows_done += rows_of.pop(number)
            passages += written.passages
            progress(
                rows_done,
                total_rows,
                f"batch: {passages:,} passages, {len(prepared)} partition(s) in flight",
            )


def _summary(finished: Finished) -> dict[str, Any]:
    return {
        "counts": finished.counts,
        "seconds": {name: round(s, 4) for name, s in finished.seconds.items()},
        "findings": dict(finished.labels),
        "detectors": dict(finished.detectors),
        "kept": finished.kept,
        "false_positives": finished.false_positives,
        "rows": finished.rows,
    }


# -- setting up -----------------------------------------------------------------------------


def _study(store: Store, study_id: int) -> dict[str, Any]:
    with store.connect() as connection:
        row = connection.execute(
            sa.select(schema.study).where(schema.study.c.id == study_id)
        ).first()
    if row is None:
        raise IndsigtError(f"no study with id {study_id}")
    return dict(row._mapping)


def _context(
    store: Store,
    study: dict[str, Any],
    job_id: int,
    path: Path,
    file_hash: str,
    options: JobOptions,
    segmenter: Any,
    attributes: dict[str, dict[str, str]],
    codebook: Any,
    languages: set[str],
    notes: list[str],
    model: str | None = None,
) -> tuple[WorkContext, WriterState, Pseudonyms]:
    from indsigt.anonymise.study import anonymiser_setup

    study_id = int(study["id"])
    anonymise = bool(study["anonymisation_required"])
    setup = anonymiser_setup(store, study_id, model=model)
    settings = CoderSettings(language=study["language"])
    with store.connect() as connection:
        stored = set(
            connection.scalars(
                sa.select(schema.document.c.language)
                .where(schema.document.c.study_id == study_id)
                .distinct()
            )
        )
    found = stored | languages | ({options.language} if options.language else set())
    settings.languages = tuple(sorted(found)) or settings.languages
    coders: list[Coder] = []
    for name in options.coders:
        coder, more = build_coder(name, store, study_id, settings, no_progress)
        coders.append(coder)
        notes += more
    pseudonyms = setup.pseudonyms
    context = WorkContext(
        source=path.name,
        file_hash=file_hash,
        text_columns=options.text_columns,
        id_column=options.id_column,
        unit=options.unit,
        segmenter=segmenter,
        language=options.language,
        respondent_attributes=attributes,
        anonymise=anonymise,
        detectors=setup.detectors,
        policy=setup.policy,
        mapping=dict(pseudonyms.mapping),
        entities={key: pseudonyms.entities[key] for key in pseudonyms.entity_words},
        entity_words=pseudonyms.entity_words,
        decisions=[
            Decision(d.decision, d.surface, d.label)
            for d in setup.decisions
            if d.document_id is None
        ],
        codebook=codebook,
        coders=coders,
        by=options.by,
    )
    with store.connect() as connection:
        respondents = connection.scalar(
            sa.select(sa.func.count())
            .select_from(schema.respondent)
            .where(schema.respondent.c.study_id == study_id)
        )
    state = WriterState(
        study_id=study_id,
        job_id=job_id,
        anonymise=anonymise,
        anonymiser=setup.anonymiser,
        respondent_word=setup.policy.person_words[0],
        source=path.name,
        format=path.suffix.lower().lstrip("."),
        unit=options.unit,
        respondents=int(respondents or 0),
        stored_names={name for (label, name) in pseudonyms.mapping if label == PER},
        generation=setup.generation,
    )
    return context, state, pseudonyms
