"""Attachments: metadata of files attached to journeys, steps and evidence items.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

The bytes are not in the database: they are blobs on disk named by `sha256`. Written out
in full, like 0001: a migration describes the schema as it was when written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.String(80), nullable=True),
        sa.Column("evidence_id", sa.String(80), nullable=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("thumbnail_sha256", sa.String(64), nullable=True),
        sa.Column("uploaded_by", sa.Uuid(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size >= 0", name="ck_attachments_size"),
        sa.CheckConstraint(
            "step_id IS NULL OR evidence_id IS NULL", name="ck_attachments_one_anchor"
        ),
        sa.ForeignKeyConstraint(
            ["journey_id"], ["journeys.id"], name="fk_attachments_journey_id_journeys"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name="fk_attachments_uploaded_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_attachments_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
    )
    op.create_index("ix_attachments_workspace_id", "attachments", ["workspace_id"])
    op.create_index("ix_attachments_journey_id_step_id", "attachments", ["journey_id", "step_id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])
    op.create_index("ix_attachments_thumbnail_sha256", "attachments", ["thumbnail_sha256"])


def downgrade() -> None:
    op.drop_table("attachments")  # its indexes go with it
