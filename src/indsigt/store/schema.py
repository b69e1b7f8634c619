"""The store's tables (SQLAlchemy Core). Changes go through a new Alembic migration."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

study = sa.Table(
    "study",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("segment_attributes", sa.JSON, nullable=False),
    sa.Column("anonymisation_required", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

respondent = sa.Table(
    "respondent",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("respondent_id", sa.ForeignKey("respondent.id", ondelete="CASCADE"), nullable=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),
    sa.UniqueConstraint("study_id", "role", "name", name="uq_identity_study_role_name"),
)

document = sa.Table(
    "document",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    # Set when the anonymiser has replaced ``text`` by its pseudonymised version.
    sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("anonymiser", sa.String(200), nullable=True),
    sa.UniqueConstraint("study_id", "sha256", name="uq_document_study_sha256"),
)

# Sealed: the text as imported, before anonymisation. Never exported unless asked for by name.
original_text = sa.Table(
    "original_text",
    metadata,
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
)

speaker = sa.Table(
    "speaker",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("respondent_id", sa.ForeignKey("respondent.id", ondelete="SET NULL"), nullable=True),
    sa.UniqueConstraint("document_id", "label", name="uq_speaker_document_label"),
)

turn = sa.Table(
    "turn",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    sa.Column("speaker_id", sa.ForeignKey("speaker.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("start_ms", sa.Integer, nullable=True),
    sa.Column("end_ms", sa.Integer, nullable=True),
    sa.Index("ix_turn_document_id", "document_id"),
)

passage = sa.Table(
    "passage",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    sa.Column("turn_id", sa.ForeignKey("turn.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_passage_document_id", "document_id"),
    sa.Index("ix_passage_turn_id", "turn_id"),
    # Full-text search (migration 0009): on SQLite the FTS5 table ``passage_fts`` and its
    # triggers, on PostgreSQL GIN indexes on to_tsvector(config, text); see store/search.py.
)

code = sa.Table(
    "code",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("parent_id", sa.ForeignKey("code.id", ondelete="CASCADE"), nullable=True),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), nullable=False),
    sa.Column("code_id", sa.ForeignKey("code.id", ondelete="CASCADE"), nullable=False),
    sa.Column("coder", sa.String(200), nullable=False),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # The coded span when it is not the whole passage: offsets into Document.text (the offset
    # unit of ARCHITECTURE.md), half open. It starts in ``passage_id`` (the anchor) and may end
    # in a later passage of the same document: a selection over several passages is one
    # coding. Both NULL: the coding covers its passage.
    sa.Column("start", sa.Integer, nullable=True),
    sa.Column("end", sa.Integer, nullable=True),
    sa.UniqueConstraint("passage_id", "code_id", "coder", name="uq_coding_passage_code_coder"),
    sa.Index("ix_coding_code_id", "code_id"),
    sa.Index("ix_coding_status", "status"),
)

finding = sa.Table(
    "finding",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("label", sa.String(50), nullable=False),
    sa.Column("detector", sa.String(100), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Index("ix_finding_document_id", "document_id"),
)

event = sa.Table(
    "event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=True),
    sa.Column("decision", sa.String(30), nullable=False),
    sa.Column("surface", sa.String(500), nullable=False),
    sa.Column("label", sa.String(50), nullable=False),
    sa.Column("start", sa.Integer, nullable=True),
    sa.Column("end", sa.Integer, nullable=True),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=True),
    sa.Column("code_id", sa.ForeignKey("code.id", ondelete="CASCADE"), nullable=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), nullable=True),
    sa.Index("ix_note_study_id", "study_id"),
)

# Users of the web app in server mode; roles admin, coder, viewer. Passwords are hashed.
app_user = sa.Table(
    "app_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(500), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # Raised by logout: sessions signed with an older version end (migration 0006).
    sa.Column("session_version", sa.Integer, nullable=False, server_default="0"),
)

# Per-study settings, e.g. {"blind_coding": true}.
setting = sa.Table(
    "setting",
    metadata,
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
)

# Batch jobs (`indsigt batch`): one row per job, one per finished partition. A partition's
# records and its row here are written in one transaction, so a resumed job skips exactly the
# partitions whose records are stored.
job = sa.Table(
    "job",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(50), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("options", sa.JSON, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # running, done, failed
    sa.Column("partitions", sa.Integer, nullable=True),  # known once the source is read
    sa.Column("result", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_job_study_id", "study_id"),
)

job_partition = sa.Table(
    "job_partition",
    metadata,
    sa.Column("job_id", sa.ForeignKey("job.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("first_row", sa.Integer, nullable=False),
    sa.Column("last_row", sa.Integer, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("passages", sa.Integer, nullable=False),
    sa.Column("codings", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON, nullable=False),  # partial aggregates, counts per stage
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
)

# Background jobs of the web app (machine coders, anonymisation, reports): one row per job,
# its progress written while it runs, so a page reload (or another browser) reads it back. A
# job still "running" when its server process is gone is marked failed at the next start.
web_job = sa.Table(
    "web_job",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
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
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_web_job_study_id", "study_id"),
)

# Conversational talk (``indsigt units``): one row per passage a talk detector marked as
# carrying no content (backchannel, filler, greeting, …). Unmarked passages are substantive.
passage_mark = sa.Table(
    "passage_mark",
    metadata,
    sa.Column("passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("detector", sa.String(100), nullable=False),
)

# Statements: idea units of a respondent turn (consecutive passages first..last) and the
# interviewer turn that prompted them. Not substantive = conversational passages only.
statement = sa.Table(
    "statement",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
    sa.Column("turn_id", sa.ForeignKey("turn.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("first_passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), nullable=False),
    sa.Column("last_passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("question_turn_id", sa.ForeignKey("turn.id", ondelete="SET NULL"), nullable=True),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.ForeignKey("theme_run.id", ondelete="CASCADE"), nullable=False),
    sa.Column("study_id", sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("label", sa.String(500), nullable=False),
    sa.Column("name", sa.String(500), nullable=True),
    sa.Column("terms", sa.JSON, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("respondents", sa.Integer, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("merged_into", sa.ForeignKey("theme.id", ondelete="SET NULL"), nullable=True),
    sa.Column("code_id", sa.ForeignKey("code.id", ondelete="SET NULL"), nullable=True),
    sa.Index("ix_theme_run_id", "run_id"),
)

theme_member = sa.Table(
    "theme_member",
    metadata,
    sa.Column("theme_id", sa.ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("passage_id", sa.ForeignKey("passage.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("unit_id", sa.Integer, nullable=False),
    sa.Column("rank", sa.Integer, nullable=True),
)
