"""The store's tables (SQLAlchemy Core). Changes go through a new Alembic migration."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# Columns many tables share, written once.


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _ref(
    table: str,
    *,
    name: str | None = None,
    nullable: bool = False,
    ondelete: str = "CASCADE",
    primary_key: bool = False,
) -> sa.Column[int]:
    """``<table>_id`` (or ``name``), a foreign key to ``<table>.id``."""
    return sa.Column(
        name or f"{table}_id",
        sa.ForeignKey(f"{table}.id", ondelete=ondelete),
        nullable=nullable,
        primary_key=primary_key,
    )


def _at(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _span(*, nullable: bool = False) -> tuple[sa.Column[int], sa.Column[int]]:
    """``start`` and ``end``: offsets into a document's text (ARCHITECTURE.md's offset unit)."""
    return (
        sa.Column("start", sa.Integer, nullable=nullable),
        sa.Column("end", sa.Integer, nullable=nullable),
    )


study = sa.Table(
    "study",
    metadata,
    _id(),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("segment_attributes", sa.JSON, nullable=False),
    sa.Column("anonymisation_required", sa.Boolean, nullable=False, default=True),
    _at("created_at"),
)

respondent = sa.Table(
    "respondent",
    metadata,
    _id(),
    _ref("study"),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("pseudonym", sa.String(200), nullable=False),
    sa.Column("attributes", sa.JSON, nullable=False),
    sa.UniqueConstraint("study_id", "key", name="uq_respondent_study_key"),
)

# Real names of participants (respondents and interviewers): personal data, kept apart from
# everything else so that it is never exported or shown unless asked for by name.
identity = sa.Table(
    "identity",
    metadata,
    _id(),
    _ref("study"),
    _ref("respondent", nullable=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.UniqueConstraint("study_id", "role", "name", name="uq_identity_study_role_name"),
)

document = sa.Table(
    "document",
    metadata,
    _id(),
    _ref("study"),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    _at("imported_at"),
    # Set when the anonymiser has replaced ``text`` by its pseudonymised version.
    _at("anonymised_at", nullable=True),
    sa.Column("anonymiser", sa.String(200), nullable=True),
    sa.UniqueConstraint("study_id", "sha256", name="uq_document_study_sha256"),
)

# Sealed: the text as imported, before anonymisation. Never exported unless asked for by name.
original_text = sa.Table(
    "original_text",
    metadata,
    _ref("document", primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
)

speaker = sa.Table(
    "speaker",
    metadata,
    _id(),
    _ref("document"),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    _ref("respondent", nullable=True, ondelete="SET NULL"),
    sa.UniqueConstraint("document_id", "label", name="uq_speaker_document_label"),
)

turn = sa.Table(
    "turn",
    metadata,
    _id(),
    _ref("document"),
    _ref("speaker"),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.Column("start_ms", sa.Integer, nullable=True),
    sa.Column("end_ms", sa.Integer, nullable=True),
    sa.Index("ix_turn_document_id", "document_id"),
)

passage = sa.Table(
    "passage",
    metadata,
    _id(),
    _ref("document"),
    _ref("turn"),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_passage_document_id", "document_id"),
    sa.Index("ix_passage_turn_id", "turn_id"),
    # Full-text search (migration 0009): on SQLite the FTS5 table ``passage_fts`` and its
    # triggers, on PostgreSQL GIN indexes on to_tsvector(config, text); see store/search.py.
)

code = sa.Table(
    "code",
    metadata,
    _id(),
    _ref("study"),
    _ref("code", name="parent_id", nullable=True),
    sa.Column("path", sa.String(500), nullable=False),
    sa.Column("labels", sa.JSON, nullable=False),
    sa.Column("definition", sa.Text, nullable=False),
    sa.Column("include_rule", sa.Text, nullable=False),
    sa.Column("exclude_rule", sa.Text, nullable=False),
    sa.Column("keywords", sa.JSON, nullable=False),
    sa.Column("examples", sa.JSON, nullable=False),
    sa.Column("color", sa.String(20), nullable=False),
    # Its place among the codes beside it (same parent): 0, 1, …; ties sort by path (0012).
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("study_id", "path", name="uq_code_study_path"),
)

coding = sa.Table(
    "coding",
    metadata,
    _id(),
    _ref("passage"),
    _ref("code"),
    sa.Column("coder", sa.String(200), nullable=False),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    _at("created_at"),
    # The coded span when it is not the whole passage: offsets into Document.text (the offset
    # unit of ARCHITECTURE.md), half open. It starts in ``passage_id`` (the anchor) and may end
    # in a later passage of the same document: a selection over several passages is one
    # coding. Both NULL: the coding covers its passage.
    *_span(nullable=True),
    sa.UniqueConstraint("passage_id", "code_id", "coder", name="uq_coding_passage_code_coder"),
    sa.Index("ix_coding_code_id", "code_id"),
    sa.Index("ix_coding_status", "status"),
)

finding = sa.Table(
    "finding",
    metadata,
    _id(),
    _ref("document"),
    *_span(),
    sa.Column("label", sa.String(50), nullable=False),
    sa.Column("detector", sa.String(100), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Index("ix_finding_document_id", "document_id"),
)

event = sa.Table(
    "event",
    metadata,
    _id(),
    _at("at"),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("entity", sa.String(50), nullable=False),
    sa.Column("entity_id", sa.String(100), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Index("ix_event_at", "at"),
)


# Sealed: the pseudonym mapping (original surface form → pseudonym), per entity label.
pseudonym = sa.Table(
    "pseudonym",
    metadata,
    _id(),
    _ref("study"),
    sa.Column("label", sa.String(50), nullable=False),
    sa.Column("original", sa.String(500), nullable=False),
    sa.Column("pseudonym", sa.String(200), nullable=False),
    sa.UniqueConstraint("study_id", "label", "original", name="uq_pseudonym_study_label_original"),
)

# Review decisions on anonymisation findings, applied on every re-run: a false positive
# (``surface`` is not personal data) or a missed span (``surface`` must always be treated).
finding_decision = sa.Table(
    "finding_decision",
    metadata,
    _id(),
    _ref("study"),
    _ref("document", nullable=True),
    sa.Column("decision", sa.String(30), nullable=False),
    sa.Column("surface", sa.String(500), nullable=False),
    sa.Column("label", sa.String(50), nullable=False),
    *_span(nullable=True),
    sa.Column("actor", sa.String(200), nullable=False),
    _at("created_at"),
)

# Embedding cache keyed by (model id, SHA-256 of the text); vectors as float32 bytes.
embedding = sa.Table(
    "embedding",
    metadata,
    sa.Column("model", sa.String(200), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("dim", sa.Integer, nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
)

# Notes (memos) on the study, a document, a code or one passage (then ``document_id`` is the
# passage's document; migration 0009).
note = sa.Table(
    "note",
    metadata,
    _id(),
    _ref("study"),
    _ref("document", nullable=True),
    _ref("code", nullable=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    _at("created_at"),
    _ref("passage", nullable=True),
    sa.Index("ix_note_study_id", "study_id"),
)

# Users of the web app in server mode; roles admin, coder, viewer. Passwords are hashed.
app_user = sa.Table(
    "app_user",
    metadata,
    _id(),
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(500), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    _at("created_at"),
    # Raised by logout: sessions signed with an older version end (migration 0006).
    sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
)

# Per-study settings, e.g. {"blind_coding": true}.
setting = sa.Table(
    "setting",
    metadata,
    _ref("study", primary_key=True),
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
)

# Batch jobs (`indsigt batch`): one row per job, one per finished partition. A partition's
# records and its row here are written in one transaction, so a resumed job skips exactly the
# partitions whose records are stored.
job = sa.Table(
    "job",
    metadata,
    _id(),
    _ref("study"),
    sa.Column("kind", sa.String(50), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("options", sa.JSON, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # running, done, failed
    sa.Column("partitions", sa.Integer, nullable=True),  # known once the source is read
    sa.Column("result", sa.JSON, nullable=False),
    _at("created_at"),
    _at("updated_at"),
    sa.Index("ix_job_study_id", "study_id"),
)

job_partition = sa.Table(
    "job_partition",
    metadata,
    _ref("job", primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("first_row", sa.Integer, nullable=False),
    sa.Column("last_row", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("passages", sa.Integer, nullable=False),
    sa.Column("codings", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON, nullable=False),  # partial aggregates, counts per stage
    _at("finished_at"),
)

# Background jobs of the web app (machine coders, anonymisation, reports): one row per job,
# its progress written while it runs, so a page reload (or another browser) reads it back. A
# job still "running" when its server process is gone is marked failed at the next start.
web_job = sa.Table(
    "web_job",
    metadata,
    _id(),
    _ref("study"),
    sa.Column("kind", sa.String(30), nullable=False),  # code, anonymise, report
    sa.Column("status", sa.String(20), nullable=False),  # queued, running, done, failed
    sa.Column("options", sa.JSON, nullable=False),
    sa.Column("done", sa.Integer, nullable=False),
    sa.Column("total", sa.Integer, nullable=False),
    sa.Column("message", sa.String(500), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("runner", sa.String(300), nullable=False),  # host:pid of the server running it
    sa.Column("result", sa.JSON, nullable=False),  # a summary and links, never document text
    sa.Column("error", sa.Text, nullable=True),
    _at("created_at"),
    _at("started_at", nullable=True),
    _at("finished_at", nullable=True),
    sa.Index("ix_web_job_study_id", "study_id"),
)

# Conversational talk (``indsigt units``): one row per passage a talk detector marked as
# carrying no content (backchannel, filler, greeting, …). Unmarked passages are substantive.
passage_mark = sa.Table(
    "passage_mark",
    metadata,
    _ref("passage", primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("detector", sa.String(100), nullable=False),
)

# Statements: idea units of a respondent turn (consecutive passages first..last) and the
# interviewer turn that prompted them. Not substantive = conversational passages only.
statement = sa.Table(
    "statement",
    metadata,
    _id(),
    _ref("document"),
    _ref("turn"),
    sa.Column("seq", sa.Integer, nullable=False),
    _ref("passage", name="first_passage_id"),
    _ref("passage", name="last_passage_id"),
    *_span(),
    _ref("turn", name="question_turn_id", nullable=True, ondelete="SET NULL"),
    sa.Column("substantive", sa.Boolean, nullable=False),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("segmenter", sa.String(100), nullable=False),
    sa.Index("ix_statement_document_id", "document_id"),
    sa.Index("ix_statement_turn_id", "turn_id"),
)

# Theme runs (``indsigt themes``): one row per run (scope = the code it ran within, NULL for
# the whole study), its themes (``name`` is the user's label, NULL until renamed; status
# emergent, merged or promoted) and their members, one row per passage with the unit (statement,
# passage or turn id) it belongs to; ``rank`` 1..3 marks the representative units.
theme_run = sa.Table(
    "theme_run",
    metadata,
    _id(),
    _ref("study"),
    _at("created_at"),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("embedder", sa.String(200), nullable=False),
    sa.Column("k", sa.Integer, nullable=True),
    sa.Column("seed", sa.Integer, nullable=False),
    sa.Column("scope", sa.String(500), nullable=True),
    sa.Column("components", sa.JSON, nullable=False),
    sa.Column("unassigned_share", sa.Float, nullable=False),
    sa.Index("ix_theme_run_study_id", "study_id"),
)

theme = sa.Table(
    "theme",
    metadata,
    _id(),
    _ref("theme_run", name="run_id"),
    _ref("study"),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("label", sa.String(500), nullable=False),
    sa.Column("name", sa.String(500), nullable=True),
    sa.Column("terms", sa.JSON, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("respondents", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    _ref("theme", name="merged_into", nullable=True, ondelete="SET NULL"),
    _ref("code", nullable=True, ondelete="SET NULL"),
    sa.Index("ix_theme_run_id", "run_id"),
)

theme_member = sa.Table(
    "theme_member",
    metadata,
    _ref("theme", primary_key=True),
    _ref("passage", primary_key=True),
    sa.Column("unit_id", sa.Integer, nullable=False),
    sa.Column("rank", sa.Integer, nullable=True),
)
