"""Initial schema: study, respondent, identity, document, speaker, turn, passage, code, coding,
finding, event.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _fk(
    name: str, target: str, *, nullable: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    _study()
    _respondent()
    _identity()
    _document()
    _speaker()
    _turn()
    _passage()
    _code()
    _coding()
    _finding()
    _event()


def _study() -> None:
    op.create_table(
        "study",
        _id(),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("segment_attributes", sa.JSON, nullable=False),
        sa.Column("anonymisation_required", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def _respondent() -> None:
    op.create_table(
        "respondent",
        _id(),
        _fk("study_id", "study.id"),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("pseudonym", sa.String(200), nullable=False),
        sa.Column("attributes", sa.JSON, nullable=False),
        sa.UniqueConstraint("study_id", "key", name="uq_respondent_study_key"),
    )


def _identity() -> None:
    op.create_table(
        "identity",
        _id(),
        _fk("study_id", "study.id"),
        _fk("respondent_id", "respondent.id", nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.UniqueConstraint("study_id", "role", "name", name="uq_identity_study_role_name"),
    )


def _document() -> None:
    op.create_table(
        "document",
        _id(),
        _fk("study_id", "study.id"),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("study_id", "sha256", name="uq_document_study_sha256"),
    )


def _speaker() -> None:
    op.create_table(
        "speaker",
        _id(),
        _fk("document_id", "document.id"),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _fk("respondent_id", "respondent.id", nullable=True, ondelete="SET NULL"),
        sa.UniqueConstraint("document_id", "label", name="uq_speaker_document_label"),
    )


def _turn() -> None:
    op.create_table(
        "turn",
        _id(),
        _fk("document_id", "document.id"),
        _fk("speaker_id", "speaker.id"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("start_ms", sa.Integer, nullable=True),
        sa.Column("end_ms", sa.Integer, nullable=True),
    )
    op.create_index("ix_turn_document_id", "turn", ["document_id"])


def _passage() -> None:
    op.create_table(
        "passage",
        _id(),
        _fk("document_id", "document.id"),
        _fk("turn_id", "turn.id"),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passage_document_id", "passage", ["document_id"])
    op.create_index("ix_passage_turn_id", "passage", ["turn_id"])


def _code() -> None:
    op.create_table(
        "code",
        _id(),
        _fk("study_id", "study.id"),
        _fk("parent_id", "code.id", nullable=True),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("labels", sa.JSON, nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("include_rule", sa.Text, nullable=False),
        sa.Column("exclude_rule", sa.Text, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("examples", sa.JSON, nullable=False),
        sa.Column("color", sa.String(20), nullable=False),
        sa.UniqueConstraint("study_id", "path", name="uq_code_study_path"),
    )


def _coding() -> None:
    op.create_table(
        "coding",
        _id(),
        _fk("passage_id", "passage.id"),
        _fk("code_id", "code.id"),
        sa.Column("coder", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("passage_id", "code_id", "coder", name="uq_coding_passage_code_coder"),
    )
    op.create_index("ix_coding_code_id", "coding", ["code_id"])


def _finding() -> None:
    op.create_table(
        "finding",
        _id(),
        _fk("document_id", "document.id"),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("detector", sa.String(100), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_finding_document_id", "finding", ["document_id"])


def _event() -> None:
    op.create_table(
        "event",
        _id(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(100), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "event",
        "finding",
        "coding",
        "code",
        "passage",
        "turn",
        "speaker",
        "document",
        "identity",
        "respondent",
        "study",
    ):
        op.drop_table(name)
