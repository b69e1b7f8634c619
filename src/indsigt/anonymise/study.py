"""``indsigt anonymise STUDY``: detect on the sealed original text of every document, resolve
overlaps, apply the policy, write the pseudonymised text, and move turns and passages with it.

- On the first run each document's text is copied to ``original_text``. Detection always runs
  on that original, so a re-run after a policy change or new review decisions starts afresh.
- Findings are stored with offsets into the **original** text (the one exception to the offset
  unit, see ARCHITECTURE.md).
- Turns and passages keep their ids (codings survive); their offsets are mapped through the
  edit, and a passage's stored text is recomputed. The edit itself (offsets and replacement
  lengths only) is kept in ``document.meta["anonymisation"]`` so that a re-run can map the
  current offsets back to the original.
- Speaker labels become the respondent's pseudonym, "Interviewer", or "Person N"; the original
  label is kept in the sealed ``pseudonym`` table (label ``speaker:<document id>``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.anonymise.base import PER, Detector, Span
from indsigt.anonymise.detectors import default_detectors, detect, load_tagger
from indsigt.anonymise.operators import apply
from indsigt.anonymise.operators import operators as operators_for
from indsigt.anonymise.participants import Participant, ParticipantDetector
from indsigt.anonymise.policy import ALLOW, KEEP, REDACT, Policy
from indsigt.anonymise.pseudonyms import Pseudonyms, letters
from indsigt.anonymise.ranking import Ranking, ReviewDecisions, SpeakerLabels
from indsigt.anonymise.remap import Remap
from indsigt.anonymise.resolve import resolve
from indsigt.anonymise.review import LABEL_ALIASES as _LABEL_ALIASES
from indsigt.errors import IndsigtError
from indsigt.ingest.turns import group_word, label_spans, speaker_name
from indsigt.nouns import KNOWN as KNOWN_NOUNS
from indsigt.progress import Progress, no_progress
from indsigt.settings import noun_of
from indsigt.store import Store, schema
from indsigt.store.store import now
from indsigt.store.textlock import read_generation, text_write

VERSION = "anonymise.v1"
SETTING = "anonymise"
_GENERIC_LABEL = re.compile(
    r"(?i)^(?:I|R|Q|A|Int|Interviewer|Intervjuer|Intervjuare|Moderator|Facilitator|Speaker|"
    r"Taler|Talare|Transcriber|"
    + "|".join(KNOWN_NOUNS)
    + r"|R\d+|I\d+|P\d+)(?:\s*\d+|\s+[A-Z]{1,2})?$"
)


@dataclass(frozen=True)
class AnonymiseReport:
    documents: int
    first_run: int
    anonymiser: str
    findings: dict[str, int] = field(default_factory=dict)  # acted on, by label
    # (speaker labels replaced by pseudonyms are counted apart: ``speaker_labels``)
    detectors: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    false_positives: int = 0
    persons: int = 0
    speakers_renamed: int = 0
    speaker_labels: int = 0  # "Mette Holm:" at a turn's start replaced by its pseudonym


def anonymise_study(
    store: Store,
    study_id: int,
    *,
    model: str | None = None,
    allow: Sequence[str] = (),
    policy: Policy | None = None,
    detectors: Sequence[Detector] | None = None,
    names: bool = True,
    remember: bool = True,
    actor: str = "cli",
    progress: Progress = no_progress,
) -> AnonymiseReport:
    """Anonymise every document of the study (see the module docstring).

    ``model`` is a spaCy model directory or installed pipeline name for the tagger; with
    ``remember`` it and ``allow`` are saved in the study's settings and used by later runs that
    do not name them. ``detectors`` replaces the default set entirely."""
    with store.connect() as connection:
        state = _load(connection, study_id)
    model, allow, policy = _choices(state, model, allow, policy)
    entities, entity_words, participants = _people(state, policy)
    if detectors is None:
        detectors = default_detectors(
            participants=participants, tagger=load_tagger(model), names=names
        )
    pseudonyms = _pseudonyms(state, policy, entities, entity_words)
    anonymiser = f"{VERSION}[{','.join(_names(detectors))}]"[:200]
    plans = _plan_documents(state, detectors, policy, pseudonyms, entities, progress)
    # Everything was planned on what _load read; it is written in one short transaction,
    # and only if no other run has moved the study's text since (else StaleStudyError and
    # nothing is written): offsets are mapped from the text this run read.
    progress(len(state.documents), len(state.documents), "writing")
    with text_write(
        store, study_id, expected=state.generation, what="indsigt anonymise"
    ) as connection:
        renamed = 0
        for item in plans.planned:
            renamed += _write_document(connection, state, item, anonymiser)
        persons = _save_pseudonyms(
            connection, state, entities, pseudonyms, plans.speaker_rows, study_id
        )
        if remember:
            _save_settings(connection, study_id, state, model, allow)
        report = AnonymiseReport(
            documents=len(state.documents),
            first_run=plans.first_run,
            anonymiser=anonymiser,
            findings=dict(sorted(plans.totals.items())),
            detectors=dict(sorted(plans.by_detector.items())),
            kept=plans.kept,
            false_positives=plans.false_positives,
            persons=persons,
            speakers_renamed=renamed,
            speaker_labels=plans.speaker_labels,
        )
        store.log(
            connection,
            "study.anonymised",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={
                "documents": report.documents,
                "findings": report.findings,
                "speaker_labels": report.speaker_labels,
                "kept": report.kept,
                "false_positives": report.false_positives,
                "anonymiser": anonymiser,
                "policy": policy.describe(),
            },
        )
    progress(len(state.documents), len(state.documents), "anonymised")
    return report


def _choices(
    state: _State, model: str | None, allow: Sequence[str], policy: Policy | None
) -> tuple[str | None, tuple[str, ...], Policy]:
    """The tagger model, allowed words and policy: as given, else as the study saved them."""
    saved = state.settings
    model = model if model is not None else saved.get("model")
    allowed = tuple(dict.fromkeys([*saved.get("allow", []), *allow]))
    if policy is None:
        policy = Policy(
            language=state.language, allow=ALLOW | frozenset(allowed), respondent_word=state.noun
        )
    return model, allowed, policy


def _pseudonyms(
    state: _State, policy: Policy, entities: dict[str, str], entity_words: dict[str, set[str]]
) -> Pseudonyms:
    """The pseudonym book: the study's people, and the person pseudonyms stored before."""
    return Pseudonyms(
        words=policy.person_words,
        entities=entities,
        entity_words=entity_words,
        stored=[(r.label, r.original, r.pseudonym) for r in state.pseudonyms if r.label == PER],
    )


@dataclass
class _Plans:
    """Every document as planned, the speaker labels to seal, and counts for the report."""

    planned: list[_Planned] = field(default_factory=list)
    speaker_rows: dict[tuple[str, str], str] = field(default_factory=dict)
    totals: Counter[str] = field(default_factory=Counter)
    by_detector: Counter[str] = field(default_factory=Counter)
    kept: int = 0
    false_positives: int = 0
    first_run: int = 0
    speaker_labels: int = 0


def _plan_documents(
    state: _State,
    detectors: Sequence[Detector],
    policy: Policy,
    pseudonyms: Pseudonyms,
    entities: dict[str, str],
    progress: Progress,
) -> _Plans:
    """Plan every document on the sealed original (its text, on a first run)."""
    plans = _Plans()
    for index, doc in enumerate(state.documents):
        progress(index, len(state.documents), f"anonymising {doc.name}")
        original = state.originals.get(doc.id)
        first = original is None
        if original is None:
            original = doc.text
            plans.first_run += 1
        pseudonyms.start_document("", [])  # speaker labels are linked study-wide only
        labels = _speaker_labels(state, doc, entities, pseudonyms, policy)
        pseudonyms.entities.update({f"speaker:{sid}": new for sid, (_, new) in labels.items()})
        plans.speaker_rows.update(
            {(f"speaker:{doc.id}", old): new for old, new in labels.values() if old != new}
        )
        plan = plan_document(
            original,
            document_id=doc.id,
            language=doc.language,
            detectors=detectors,
            policy=policy,
            pseudonyms=pseudonyms,
            labels=labels,
            decisions=state.decisions,
        )
        plans.totals.update(plan.labels)
        plans.by_detector.update(plan.detectors)
        plans.kept += plan.kept
        plans.speaker_labels += plan.speaker_labels
        plans.false_positives += plan.false_positives
        plans.planned.append(
            _Planned(
                doc,
                original if first else None,
                labels,
                apply(original, plan.edits),
                [(s, e, len(r)) for s, e, r in plan.edits],
                [{"document_id": doc.id, **row} for row in plan.findings],
            )
        )
    return plans


def _write_document(connection: Connection, state: _State, item: _Planned, anonymiser: str) -> int:
    """Write one planned document: seal its original (first run), move its turns and passages,
    rename its speakers, store its text and findings. Returns the speakers renamed."""
    doc = item.doc
    if item.new_original is not None:
        connection.execute(
            schema.original_text.insert().values(document_id=doc.id, text=item.new_original)
        )
    before = doc.meta.get("anonymisation", {}).get("edits", [])
    previous = Remap([(int(a), int(b), int(n)) for a, b, n in before])
    _move(connection, doc.id, item.text, previous.inverse(), Remap(item.changes))
    renamed = _rename_speakers(connection, state, doc, item.labels)
    meta = {**doc.meta, "anonymisation": {"version": VERSION, "edits": item.changes}}
    connection.execute(
        schema.document.update()
        .where(schema.document.c.id == doc.id)
        .values(text=item.text, meta=meta, anonymised_at=now(), anonymiser=anonymiser)
    )
    connection.execute(schema.finding.delete().where(schema.finding.c.document_id == doc.id))
    if item.findings:
        connection.execute(schema.finding.insert(), item.findings)
    return renamed


@dataclass(frozen=True)
class _Planned:
    """One document as planned, before anything is written."""

    doc: _Doc
    new_original: str | None  # the text to seal on a first run
    labels: dict[int, tuple[str, str]]
    text: str
    changes: list[tuple[int, int, int]]
    findings: list[dict[str, Any]]


@dataclass
class DocumentPlan:
    """What anonymising one text takes: the edits ``(start, end, replacement)`` on the original,
    the findings (rows without ``document_id``) and counts for the report: ``labels`` the
    findings acted on by label, ``speaker_labels`` the speaker labels replaced by pseudonyms
    apart (they are no person found in what was said)."""

    edits: list[tuple[int, int, str]]
    findings: list[dict[str, Any]]
    labels: Counter[str]
    detectors: Counter[str]
    kept: int = 0
    false_positives: int = 0
    speaker_labels: int = 0


def plan_document(
    original: str,
    *,
    document_id: int,
    language: str,
    detectors: Sequence[Detector],
    policy: Policy,
    pseudonyms: Pseudonyms,
    labels: dict[int, tuple[str, str]],
    decisions: Sequence[Any],
) -> DocumentPlan:
    """Detect, add speaker labels and reviewed spans, drop false positives, resolve overlaps
    and choose each span's replacement (``indsigt anonymise`` and ``indsigt batch`` share it).
    ``pseudonyms`` is the study's mapping, consulted in text order."""
    spans = detect(original, detectors, language=language)
    spans += _label_spans(original, labels)
    spans += _missed(original, list(decisions), document_id)
    spans, dropped = _false_positives(original, spans, list(decisions), document_id)
    resolved = resolve(spans, original, ranking=Ranking.of(detectors))
    pseudonyms.start_document(original, [s for s in resolved if s.label == PER])
    operators = operators_for(policy, person=pseudonyms.person)
    redact = operators[REDACT]  # an action no operator takes is redacted
    plan = DocumentPlan([], [], Counter(), Counter())
    for span in resolved:
        surface = original[span.start : span.end]
        action = policy.action(span.label, surface, reviewed=span.detector == ReviewDecisions.name)
        status = "kept" if action == KEEP else "applied"
        if action != KEEP:
            operator = operators.get(action, redact)
            plan.edits.append((span.start, span.end, operator.operate(surface, span)))
            if span.detector == SpeakerLabels.name:
                plan.speaker_labels += 1
            else:
                plan.labels[span.label] += 1
            plan.detectors[span.detector] += 1
        else:
            plan.kept += 1
        plan.findings.append(_finding_row(span, status))
    plan.findings += [_finding_row(span, "false_positive") for span in dropped]
    plan.false_positives = len(dropped)
    return plan


@dataclass
class AnonymiserSetup:
    """What anonymising new documents of a study needs (``indsigt batch``): the study's
    policy, detectors and pseudonym mapping, as ``indsigt anonymise`` would use them."""

    policy: Policy
    detectors: list[Detector]
    pseudonyms: Pseudonyms
    decisions: list[Any]
    anonymiser: str
    model: str | None
    allow: tuple[str, ...]
    generation: int = 0  # the study's text generation when this was read (store.textlock)


def anonymiser_setup(
    store: Store,
    study_id: int,
    *,
    model: str | None = None,
    allow: Sequence[str] = (),
    names: bool = True,
) -> AnonymiserSetup:
    """The study's anonymiser (saved model and allow-list, participants, review decisions,
    stored pseudonyms), without reading any document."""
    with store.connect() as connection:
        state = _load(connection, study_id, documents=False)
    model, allow, policy = _choices(state, model, allow, None)
    entities, entity_words, participants = _people(state, policy)
    detectors = default_detectors(participants=participants, tagger=load_tagger(model), names=names)
    pseudonyms = _pseudonyms(state, policy, entities, entity_words)
    anonymiser = f"{VERSION}[{','.join(_names(detectors))}]"[:200]
    return AnonymiserSetup(
        policy,
        detectors,
        pseudonyms,
        state.decisions,
        anonymiser,
        model,
        tuple(allow),
        state.generation,
    )


# -- loading --------------------------------------------------------------------------------


@dataclass
class _Doc:
    id: int
    name: str
    text: str
    language: str
    meta: dict[str, Any]


@dataclass
class _State:
    language: str
    documents: list[_Doc]
    originals: dict[int, str]
    identities: list[Any]
    respondents: list[Any]
    speakers: dict[int, list[Any]]
    decisions: list[Any]
    pseudonyms: list[Any]
    settings: dict[str, Any]
    generation: int  # read first: any text write after it is seen (store.textlock)
    noun: str = ""  # the study's respondent noun ("Deltager", "Leder")


def _load(connection: Connection, study_id: int, *, documents: bool = True) -> _State:
    generation = read_generation(connection, study_id)
    language = connection.scalar(
        sa.select(schema.study.c.language).where(schema.study.c.id == study_id)
    )
    if language is None:
        raise IndsigtError(f"no study with id {study_id}")
    doc_table = schema.document
    found = (
        [
            _Doc(r.id, r.name, r.text, r.language, dict(r.meta or {}))
            for r in connection.execute(
                sa.select(doc_table)
                .where(doc_table.c.study_id == study_id)
                .order_by(doc_table.c.id)
            )
        ]
        if documents
        else []
    )
    ids = [d.id for d in found]
    originals = dict(
        connection.execute(
            sa.select(schema.original_text.c.document_id, schema.original_text.c.text).where(
                schema.original_text.c.document_id.in_(ids)
            )
        ).all()
    )
    speakers: dict[int, list[Any]] = {}
    for row in connection.execute(
        sa.select(schema.speaker)
        .where(schema.speaker.c.document_id.in_(ids))
        .order_by(schema.speaker.c.id)
    ):
        speakers.setdefault(row.document_id, []).append(row)

    def rows(table: sa.Table) -> list[Any]:
        return list(
            connection.execute(
                sa.select(table).where(table.c.study_id == study_id).order_by(table.c.id)
            )
        )

    setting = connection.scalar(
        sa.select(schema.setting.c.value).where(
            schema.setting.c.study_id == study_id, schema.setting.c.key == SETTING
        )
    )
    return _State(
        language=language,
        documents=found,
        originals=originals,
        identities=rows(schema.identity),
        respondents=rows(schema.respondent),
        speakers=speakers,
        decisions=rows(schema.finding_decision),
        pseudonyms=rows(schema.pseudonym),
        settings=dict(setting or {}),
        generation=generation,
        noun=noun_of(connection, study_id, language).singular,
    )


def _people(
    state: _State, policy: Policy
) -> tuple[dict[str, str], dict[str, set[str]], list[Participant]]:
    respondent_word, _, interviewer_word = policy.person_words
    entities: dict[str, str] = {}
    for index, respondent in enumerate(state.respondents):
        entities[f"respondent:{respondent.id}"] = f"{respondent_word} {letters(index)}"
    words: dict[str, set[str]] = {}
    participants: list[Participant] = []
    for identity in state.identities:
        if identity.role == "interviewer" or identity.respondent_id is None:
            entity = f"interviewer:{identity.name}"
            entities[entity] = interviewer_word
        else:
            entity = f"respondent:{identity.respondent_id}"
        participants.append(Participant(identity.name, entity))
        words.setdefault(entity, set()).update(w.casefold() for w in identity.name.split())
    return entities, words, participants


def _names(detectors: Sequence[Detector]) -> list[str]:
    out = []
    for detector in detectors:
        label = getattr(detector, "label", "")
        out.append(f"{detector.name}:{label}" if label else detector.name)
    return out


# -- speakers -------------------------------------------------------------------------------


def _speaker_labels(
    state: _State,
    doc: _Doc,
    entities: dict[str, str],
    pseudonyms: Pseudonyms,
    policy: Policy,
) -> dict[int, tuple[str, str]]:
    """speaker id → (original label, new label)."""
    originals = {
        r.pseudonym: r.original for r in state.pseudonyms if r.label == f"speaker:{doc.id}"
    }
    speakers = state.speakers.get(doc.id, [])
    interviewers = [s for s in speakers if s.role == "interviewer"]
    _, _, interviewer_word = policy.person_words
    labels: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    for speaker in speakers:
        original = originals.get(speaker.label, speaker.label)
        if speaker.respondent_id is not None:
            new = entities.get(f"respondent:{speaker.respondent_id}", original)
        elif speaker.role == "interviewer":
            new = interviewer_word
            if len(interviewers) > 1:
                new = f"{interviewer_word} {interviewers.index(speaker) + 1}"
        elif _GENERIC_LABEL.match(original) or group_word(original):
            new = original  # a role or a group ("Alle"), not a person
        else:
            new = pseudonyms.person(original, Span(0, max(1, len(original)), PER, 1.0, ""))
        while new in taken:
            new = f"{new} (2)" if not new.endswith(")") else new[:-2] + f"{int(new[-2]) + 1})"
        taken.add(new)
        labels[speaker.id] = (original, new)
    return labels


def _label_spans(text: str, labels: dict[int, tuple[str, str]]) -> list[Span]:
    """Speaker labels in every form the importer reads them ("Mette Holm: …", "[00:01:02] KV:
    …", "**Mette Holm**: …", "Mette Holm   0:03" above the turn; ``ingest.turns.label_spans``),
    and the document's mentions of a speaker its label names ("Bo Berg:" → "Bo", "Berg",
    "Bo Berg" in the text; "Bo:" → "Bo" as written, not the word "bo"), each with the
    speaker's pseudonym."""
    spans = [
        Span(start, end, PER, 1.0, SpeakerLabels.name, f"speaker:{speaker_id}")
        for speaker_id, (original, new) in labels.items()
        if original != new and original.strip()
        for start, end in label_spans(text, original)
    ]
    named = [
        Participant(name, f"speaker:{speaker_id}", exact_case=" " not in name)
        for speaker_id, (original, new) in labels.items()
        if original != new and (name := speaker_name(original)) and not _GENERIC_LABEL.match(name)
    ]
    if named:
        taken = [(span.start, span.end) for span in spans]
        spans += [
            mention
            for mention in ParticipantDetector(named).detect(text)
            if not any(mention.start < end and start < mention.end for start, end in taken)
        ]
    return spans


def _rename_speakers(
    connection: Connection, state: _State, doc: _Doc, labels: dict[int, tuple[str, str]]
) -> int:
    renamed = 0
    table = schema.speaker
    # Two steps, so that swapping labels never violates the unique (document, label) constraint.
    # The interim label is one no speaker has (a control character, but not NUL: PostgreSQL
    # text cannot hold NUL, and anonymising a study there failed on it).
    for speaker_id in labels:
        connection.execute(
            table.update().where(table.c.id == speaker_id).values(label=f"\x1f{speaker_id}")
        )
    current = {s.id: s.label for s in state.speakers.get(doc.id, [])}
    for speaker_id, (_original, new) in labels.items():
        connection.execute(table.update().where(table.c.id == speaker_id).values(label=new))
        renamed += current.get(speaker_id) != new
    return renamed


# -- review decisions -----------------------------------------------------------------------


def _applies(decision: Any, document_id: int) -> bool:
    return decision.document_id is None or decision.document_id == document_id


def _missed(text: str, decisions: list[Any], document_id: int) -> list[Span]:
    spans = []
    for decision in decisions:
        if decision.decision != "missed" or not _applies(decision, document_id):
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(decision.surface)}(?:s|'s|’s)?(?![\w-])")
        label = _LABEL_ALIASES.get(decision.label.upper(), decision.label.upper())
        for match in pattern.finditer(text):
            spans.append(Span(match.start(), match.end(), label, 1.0, ReviewDecisions.name))
    return spans


def _false_positives(
    text: str, spans: list[Span], decisions: list[Any], document_id: int
) -> tuple[list[Span], list[Span]]:
    """Drop the spans that lie within an occurrence of a surface marked as a false positive
    (so "Jens Hansen" also covers a detector that found only "Hansen")."""
    surfaces = {
        d.surface.strip()
        for d in decisions
        if d.decision == "false_positive" and _applies(d, document_id) and d.surface.strip()
    }
    if not surfaces:
        return spans, []
    regions = [
        (m.start(), m.end())
        for surface in surfaces
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)
    ]
    kept, dropped = [], []
    for span in spans:
        inside = any(a <= span.start and span.end <= b for a, b in regions)
        if span.detector != ReviewDecisions.name and inside:
            dropped.append(span)
        else:
            kept.append(span)
    return kept, dropped


# -- writing --------------------------------------------------------------------------------


def _finding_row(span: Span, status: str) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "detector": span.detector,
        "score": span.score,
        "status": status,
    }


def _move(connection: Connection, document_id: int, text: str, back: Remap, forward: Remap) -> None:
    """Map turn, passage and coding-span offsets: current text → original → new text."""
    for table, with_text in ((schema.turn, False), (schema.passage, True)):
        rows = connection.execute(
            sa.select(table.c.id, table.c.start, table.c.end).where(
                table.c.document_id == document_id
            )
        ).all()
        updates = []
        for row in rows:
            start, end = forward.span(*back.span(row.start, row.end))
            values: dict[str, Any] = {"_id": row.id, "_start": start, "_end": end}
            if with_text:
                values["_text"] = text[start:end]
            updates.append(values)
        if not updates:
            continue
        new: dict[str, Any] = {"start": sa.bindparam("_start"), "end": sa.bindparam("_end")}
        if with_text:
            new["text"] = sa.bindparam("_text")
        connection.execute(
            table.update().where(table.c.id == sa.bindparam("_id")).values(**new), updates
        )
    # A coding of a selection has its own span (indsigt.coding.spans): it moves the same way.
    c, p = schema.coding, schema.passage
    spans = connection.execute(
        sa.select(c.c.id, c.c.start, c.c.end)
        .join(p, c.c.passage_id == p.c.id)
        .where(p.c.document_id == document_id, c.c.start.is_not(None), c.c.end.is_not(None))
    ).all()
    moved = []
    for row in spans:
        start, end = forward.span(*back.span(row.start, row.end))
        moved.append({"_id": row.id, "_start": start, "_end": end})
    if moved:
        connection.execute(
            c.update()
            .where(c.c.id == sa.bindparam("_id"))
            .values(start=sa.bindparam("_start"), end=sa.bindparam("_end")),
            moved,
        )


def _save_pseudonyms(
    connection: Connection,
    state: _State,
    entities: dict[str, str],
    pseudonyms: Pseudonyms,
    speaker_rows: dict[tuple[str, str], str],
    study_id: int,
) -> int:
    """Upsert the mapping: participants, other persons, speaker labels; respondent pseudonyms."""
    wanted: dict[tuple[str, str], str] = dict(pseudonyms.new)
    for identity in state.identities:
        entity = (
            f"respondent:{identity.respondent_id}"
            if identity.role != "interviewer" and identity.respondent_id is not None
            else f"interviewer:{identity.name}"
        )
        wanted[(PER, identity.name.casefold())] = entities[entity]
    wanted.update(speaker_rows)
    stored = {(r.label, r.original): (r.id, r.pseudonym) for r in state.pseudonyms}
    for (label, original), pseudo in wanted.items():
        if (label, original) in stored:
            row_id, old = stored[(label, original)]
            if old != pseudo:
                connection.execute(
                    schema.pseudonym.update()
                    .where(schema.pseudonym.c.id == row_id)
                    .values(pseudonym=pseudo)
                )
        else:
            connection.execute(
                schema.pseudonym.insert().values(
                    study_id=study_id, label=label, original=original[:500], pseudonym=pseudo
                )
            )
    for respondent in state.respondents:
        pseudo = entities[f"respondent:{respondent.id}"]
        if respondent.pseudonym != pseudo:
            connection.execute(
                schema.respondent.update()
                .where(schema.respondent.c.id == respondent.id)
                .values(pseudonym=pseudo)
            )
    return len({p for (label, _), p in wanted.items() if label == PER})


def _save_settings(
    connection: Connection,
    study_id: int,
    state: _State,
    model: str | None,
    allow: Sequence[str],
) -> None:
    value = {"model": model, "allow": list(allow)}
    if value == state.settings:
        return
    table = schema.setting
    connection.execute(table.delete().where(table.c.study_id == study_id, table.c.key == SETTING))
    connection.execute(table.insert().values(study_id=study_id, key=SETTING, value=value))
