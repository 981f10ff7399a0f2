"""Share links: revocable read-only links to one journey (only the secret's hash).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

Written out in full, like 0001: a migration describes the schema as it was when written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "share_links",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name="fk_share_links_created_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["journey_id"], ["journeys.id"], name="fk_share_links_journey_id_journeys"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_share_links_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_share_links"),
        sa.UniqueConstraint("secret_hash", name="uq_share_links_secret_hash"),
    )
    op.create_index("ix_share_links_journey_id", "share_links", ["journey_id"])


def downgrade() -> None:
    op.drop_table("share_links")  # its index goes with it
