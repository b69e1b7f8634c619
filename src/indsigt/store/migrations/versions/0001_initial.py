"""Initial schema: study, respondent, identity, document, speaker, turn, passage, code, coding,
finding, event.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import at, id_column, ref, span

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _study_and_people()
    _documents()
    _codes_findings_events()


def _study_and_people() -> None:
    """study, respondent, identity."""
    op.create_table(
        "study",
        id_column(),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("segment_attributes", sa.JSON, nullable=False),
        sa.Column("anonymisation_required", sa.Boolean, nullable=False),
        at("created_at"),
    )
    op.create_table(
        "respondent",
        id_column(),
        ref("study_id", "study.id"),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("pseudonym", sa.String(200), nullable=False),
        sa.Column("attributes", sa.JSON, nullable=False),
        sa.UniqueConstraint("study_id", "key", name="uq_respondent_study_key"),
    )
    op.create_table(
        "identity",
        id_column(),
        ref("study_id", "study.id"),
        ref("respondent_id", "respondent.id", nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.UniqueConstraint("study_id", "role", "name", name="uq_identity_study_role_name"),
    )


def _documents() -> None:
    """document, speaker, turn, passage."""
    op.create_table(
        "document",
        id_column(),
        ref("study_id", "study.id"),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        at("imported_at"),
        sa.UniqueConstraint("study_id", "sha256", name="uq_document_study_sha256"),
    )
    op.create_table(
        "speaker",
        id_column(),
        ref("document_id", "document.id"),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        ref("respondent_id", "respondent.id", nullable=True, ondelete="SET NULL"),
        sa.UniqueConstraint("document_id", "label", name="uq_speaker_document_label"),
    )
    op.create_table(
        "turn",
        id_column(),
        ref("document_id", "document.id"),
        ref("speaker_id", "speaker.id"),
        sa.Column("seq", sa.Integer, nullable=False),
        *span(),
        sa.Column("start_ms", sa.Integer, nullable=True),
        sa.Column("end_ms", sa.Integer, nullable=True),
    )
    op.create_index("ix_turn_document_id", "turn", ["document_id"])
    op.create_table(
        "passage",
        id_column(),
        ref("document_id", "document.id"),
        ref("turn_id", "turn.id"),
        sa.Column("seq", sa.Integer, nullable=False),
        *span(),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passage_document_id", "passage", ["document_id"])
    op.create_index("ix_passage_turn_id", "passage", ["turn_id"])


def _codes_findings_events() -> None:
    """code, coding, finding, event."""
    op.create_table(
        "code",
        id_column(),
        ref("study_id", "study.id"),
        ref("parent_id", "code.id", nullable=True),
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
    op.create_table(
        "coding",
        id_column(),
        ref("passage_id", "passage.id"),
        ref("code_id", "code.id"),
        sa.Column("coder", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        at("created_at"),
        sa.UniqueConstraint("passage_id", "code_id", "coder", name="uq_coding_passage_code_coder"),
    )
    op.create_index("ix_coding_code_id", "coding", ["code_id"])
    op.create_table(
        "finding",
        id_column(),
        ref("document_id", "document.id"),
        *span(),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("detector", sa.String(100), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_index("ix_finding_document_id", "finding", ["document_id"])
    op.create_table(
        "event",
        id_column(),
        at("at"),
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
