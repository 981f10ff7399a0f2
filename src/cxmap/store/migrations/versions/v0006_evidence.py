"""Evidence: imported experience data (survey answers, posts, chats, documents, media) and
the imports they came with.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

Written out in full, like 0001: a migration describes the schema as it was when written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_SOURCES = "'survey', 'social', 'chat', 'document', 'media'"
_KINDS = (
    "'survey', 'social', 'chat', 'interview', 'document', 'audio', 'image', 'analytics', 'note'"
)
_MAPPINGS = "'column', 'rule', 'similarity', 'manual', 'unmapped'"


def upgrade() -> None:
    _create_imports()
    _create_items()


def _create_imports() -> None:
    op.create_table(
        "evidence_imports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("imported_by", sa.Uuid(), nullable=True),
        sa.Column("imported_via", sa.String(8), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("unmapped", sa.Integer(), nullable=False),
        sa.Column("redactions", sa.Integer(), nullable=False),
        sa.Column("options", _JSON, nullable=False),
        sa.CheckConstraint(f"source IN ({_SOURCES})", name="ck_evidence_imports_source"),
        sa.CheckConstraint(
            "imported_via IN ('api', 'cli')", name="ck_evidence_imports_imported_via"
        ),
        sa.CheckConstraint(
            "imported >= 0 AND rejected >= 0 AND unmapped >= 0", name="ck_evidence_imports_counts"
        ),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["users.id"], name="fk_evidence_imports_imported_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["journey_id"], ["journeys.id"], name="fk_evidence_imports_journey_id_journeys"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_evidence_imports_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_imports"),
    )
    op.create_index(
        "ix_evidence_imports_journey_id_imported_at",
        "evidence_imports",
        ["journey_id", "imported_at"],
    )


def _create_items() -> None:
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("step_id", sa.String(80), nullable=True),
        sa.Column("mapping", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("candidate", sa.String(80), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("scored_text", sa.Text(), nullable=True),
        sa.Column("nps", sa.SmallInteger(), nullable=True),
        sa.Column("csat", sa.SmallInteger(), nullable=True),
        sa.Column("ces", sa.SmallInteger(), nullable=True),
        sa.Column("sentiment", sa.Float(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("touchpoint", sa.Text(), nullable=True),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("files", _JSON, nullable=False),
        sa.Column("redacted", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_by", sa.Uuid(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"kind IN ({_KINDS})", name="ck_evidence_items_kind"),
        sa.CheckConstraint(f"mapping IN ({_MAPPINGS})", name="ck_evidence_items_mapping"),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name="ck_evidence_items_confidence"
        ),
        sa.CheckConstraint("nps IS NULL OR (nps >= 0 AND nps <= 10)", name="ck_evidence_items_nps"),
        sa.CheckConstraint(
            "csat IS NULL OR (csat >= 1 AND csat <= 5)", name="ck_evidence_items_csat"
        ),
        sa.CheckConstraint("ces IS NULL OR (ces >= 1 AND ces <= 7)", name="ck_evidence_items_ces"),
        sa.CheckConstraint(
            "sentiment IS NULL OR (sentiment >= -1 AND sentiment <= 1)",
            name="ck_evidence_items_sentiment",
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["users.id"], name="fk_evidence_items_assigned_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["evidence_imports.id"],
            name="fk_evidence_items_batch_id_evidence_imports",
        ),
        sa.ForeignKeyConstraint(
            ["journey_id"], ["journeys.id"], name="fk_evidence_items_journey_id_journeys"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_evidence_items_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_items"),
    )
    op.create_index("ix_evidence_items_batch_id", "evidence_items", ["batch_id"])
    op.create_index(
        "ix_evidence_items_journey_id_step_id", "evidence_items", ["journey_id", "step_id"]
    )
    op.create_index(
        "ix_evidence_items_unmapped",
        "evidence_items",
        ["journey_id", "imported_at"],
        sqlite_where=sa.text("step_id IS NULL"),
        postgresql_where=sa.text("step_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("evidence_items")  # its indexes go with it
    op.drop_table("evidence_imports")
