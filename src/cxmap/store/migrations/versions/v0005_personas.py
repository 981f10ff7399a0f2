"""Personas: workspace-level personas shared by the team's journeys.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Written out in full, like 0001: a migration describes the schema as it was when written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "personas",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column(
            "content",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_personas_created_by_users"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_personas_updated_by_users"),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_personas_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_personas"),
        sa.UniqueConstraint("workspace_id", "slug", name="uq_personas_workspace_id_slug"),
    )
    op.create_index("ix_personas_workspace_id", "personas", ["workspace_id"])


def downgrade() -> None:
    op.drop_table("personas")  # its index goes with it
