"""Initial schema: accounts, workspaces and members, journeys with revisions and tags,
comments, API tokens.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Written out in full rather than imported from `rows.py`: a migration describes the schema
as it was when it was written, whatever the row classes later become.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _uuid(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Uuid(), nullable=nullable)


def _time(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def _text(name: str, length: int | None = None, *, nullable: bool = False) -> sa.Column[object]:
    kind = sa.Text() if length is None else sa.String(length)
    return sa.Column(name, kind, nullable=nullable)


def _fk(column: str, table: str, name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{table}.id"], name=name)


def upgrade() -> None:
    op.create_table(
        "users",
        _uuid("id"),
        _text("email", 320),
        _text("display_name", 200),
        _text("password_hash", 500, nullable=True),
        _time("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "workspaces",
        _uuid("id"),
        _text("slug", 80),
        _text("name", 200),
        _time("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_workspaces"),
        sa.UniqueConstraint("slug", name="uq_workspaces_slug"),
    )
    op.create_table(
        "api_tokens",
        _uuid("id"),
        _uuid("user_id"),
        _text("name", 200),
        _text("token_hash", 64),
        _time("created_at"),
        _time("expires_at", nullable=True),
        _time("last_used_at", nullable=True),
        _time("revoked_at", nullable=True),
        _fk("user_id", "users", "fk_api_tokens_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "memberships",
        _uuid("workspace_id"),
        _uuid("user_id"),
        _text("role", 16),
        _time("created_at"),
        sa.CheckConstraint(
            "role IN ('owner', 'editor', 'commenter', 'viewer')", name="ck_memberships_role"
        ),
        _fk("user_id", "users", "fk_memberships_user_id_users"),
        _fk("workspace_id", "workspaces", "fk_memberships_workspace_id_workspaces"),
        sa.PrimaryKeyConstraint("workspace_id", "user_id", name="pk_memberships"),
    )
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    _create_journeys()
    _create_comments()


def _create_journeys() -> None:
    op.create_table(
        "journeys",
        _uuid("id"),
        _uuid("workspace_id"),
        _text("slug", 80),
        _text("title"),
        _text("kind", 16),
        _text("status", 16),
        _text("owner"),
        _json("tags"),
        sa.Column("version", sa.Integer(), nullable=False),
        _time("created_at"),
        _uuid("created_by", nullable=True),
        _time("updated_at"),
        _uuid("updated_by", nullable=True),
        _time("deleted_at", nullable=True),
        _uuid("deleted_by", nullable=True),
        _text("search_text"),
        _json("content"),
        sa.CheckConstraint("kind IN ('current', 'desired')", name="ck_journeys_kind"),
        sa.CheckConstraint(
            "status IN ('draft', 'review', 'published', 'archived')", name="ck_journeys_status"
        ),
        sa.CheckConstraint("version >= 1", name="ck_journeys_version"),
        _fk("created_by", "users", "fk_journeys_created_by_users"),
        _fk("deleted_by", "users", "fk_journeys_deleted_by_users"),
        _fk("updated_by", "users", "fk_journeys_updated_by_users"),
        _fk("workspace_id", "workspaces", "fk_journeys_workspace_id_workspaces"),
        sa.PrimaryKeyConstraint("id", name="pk_journeys"),
    )
    op.create_index(
        "ix_journeys_workspace_id_updated_at", "journeys", ["workspace_id", "updated_at"]
    )
    op.create_index(
        "uq_journeys_live_slug",
        "journeys",
        ["workspace_id", "slug"],
        unique=True,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "journey_revisions",
        _uuid("journey_id"),
        sa.Column("version", sa.Integer(), nullable=False),
        _text("action", 16),
        _uuid("changed_by", nullable=True),
        _time("changed_at"),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        _json("content"),
        _json("diff"),
        sa.CheckConstraint(
            "action IN ('create', 'update', 'restore', 'delete', 'undelete')",
            name="ck_journey_revisions_action",
        ),
        _fk("changed_by", "users", "fk_journey_revisions_changed_by_users"),
        _fk("journey_id", "journeys", "fk_journey_revisions_journey_id_journeys"),
        sa.PrimaryKeyConstraint("journey_id", "version", name="pk_journey_revisions"),
    )
    op.create_table(
        "journey_tags",
        _uuid("journey_id"),
        _text("tag"),
        _fk("journey_id", "journeys", "fk_journey_tags_journey_id_journeys"),
        sa.PrimaryKeyConstraint("journey_id", "tag", name="pk_journey_tags"),
    )
    op.create_index("ix_journey_tags_tag", "journey_tags", ["tag"])


def _create_comments() -> None:
    op.create_table(
        "comments",
        _uuid("id"),
        _uuid("journey_id"),
        sa.Column("journey_version", sa.Integer(), nullable=False),
        _text("anchor_kind", 16, nullable=True),
        _text("anchor_id", 80, nullable=True),
        _uuid("author_id"),
        _text("body"),
        _json("mentions"),
        _time("created_at"),
        _time("resolved_at", nullable=True),
        _time("deleted_at", nullable=True),
        sa.CheckConstraint(
            "anchor_kind IN ('stage', 'step', 'insight', 'opportunity')",
            name="ck_comments_anchor_kind",
        ),
        sa.CheckConstraint(
            "(anchor_kind IS NULL) = (anchor_id IS NULL)", name="ck_comments_anchor_complete"
        ),
        _fk("author_id", "users", "fk_comments_author_id_users"),
        sa.ForeignKeyConstraint(
            ["journey_id", "journey_version"],
            ["journey_revisions.journey_id", "journey_revisions.version"],
            name="fk_comments_journey_id_journey_version_journey_revisions",
        ),
        _fk("journey_id", "journeys", "fk_comments_journey_id_journeys"),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
    )
    op.create_index("ix_comments_journey_id", "comments", ["journey_id"])


def downgrade() -> None:
    """Drop every table, dependants first (indexes go with their tables)."""
    for table in (
        "comments",
        "journey_tags",
        "journey_revisions",
        "journeys",
        "memberships",
        "api_tokens",
        "workspaces",
        "users",
    ):
        op.drop_table(table)
