"""Prioritisation: scoring settings, entered score inputs, event-log results per journey,
actions with their change history, key metrics and their points.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28

Written out in full, like 0001: a migration describes the schema as it was when written.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_KINDS = (
    "'define_customers', 'align_journey', 'product_change', 'define_metric', 'measure_progress'"
)
_STATUSES = "'suggested', 'accepted', 'in_progress', 'done', 'dismissed'"
_ACTION_SOURCES = "'generated', 'manual'"
_POINT_SOURCES = "'import', 'analysis', 'manual'"


def _stamp(table: str, column: str) -> list[Any]:
    """A time column and the account column beside it (NULL = cxmap itself, the local CLI)."""
    return [
        sa.Column(f"{column}_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(f"{column}_by", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            [f"{column}_by"], ["users.id"], name=f"fk_{table}_{column}_by_users"
        ),
    ]


def _belongs(table: str, *, journey: bool = True) -> list[Any]:
    items: list[Any] = [
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=f"fk_{table}_workspace_id_workspaces"
        ),
    ]
    if journey:
        items += [
            sa.Column("journey_id", sa.Uuid(), nullable=False),
            sa.ForeignKeyConstraint(
                ["journey_id"], ["journeys.id"], name=f"fk_{table}_journey_id_journeys"
            ),
        ]
    return items


def upgrade() -> None:
    _create_scoring()
    _create_mining_results()
    _create_actions()
    _create_kpis()


def _create_scoring() -> None:
    op.create_table(
        "scoring_settings",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("content", _JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp("scoring_settings", "updated"),
        sa.CheckConstraint("version >= 2", name="ck_scoring_settings_version"),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name="fk_scoring_settings_workspace_id_workspaces"
        ),
        sa.PrimaryKeyConstraint("workspace_id", name="pk_scoring_settings"),
    )
    op.create_table(
        "score_inputs",
        sa.Column("journey_id", sa.Uuid(), nullable=False),
        *_belongs("score_inputs", journey=False),
        sa.Column("content", _JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp("score_inputs", "updated"),
        sa.CheckConstraint("version >= 2", name="ck_score_inputs_version"),
        sa.ForeignKeyConstraint(
            ["journey_id"], ["journeys.id"], name="fk_score_inputs_journey_id_journeys"
        ),
        sa.PrimaryKeyConstraint("journey_id", name="pk_score_inputs"),
    )
    op.create_index("ix_score_inputs_workspace_id", "score_inputs", ["workspace_id"])


def _create_mining_results() -> None:
    op.create_table(
        "mining_results",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_belongs("mining_results"),
        sa.Column("journey_version", sa.Integer(), nullable=False),
        *_stamp("mining_results", "recorded"),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("content", _JSON, nullable=False),
        sa.CheckConstraint("cases >= 0", name="ck_mining_results_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_mining_results"),
    )
    op.create_index(
        "ix_mining_results_journey_id_recorded_at",
        "mining_results",
        ["journey_id", "recorded_at"],
    )


def _create_actions() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_belongs("actions"),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(80), nullable=True),
        sa.Column("step", sa.String(80), nullable=True),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fixes", sa.String(80), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp("actions", "created"),
        *_stamp("actions", "updated"),
        sa.CheckConstraint(f"kind IN ({_KINDS})", name="ck_actions_kind"),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name="ck_actions_status"),
        sa.CheckConstraint(f"source IN ({_ACTION_SOURCES})", name="ck_actions_source"),
        sa.CheckConstraint("version >= 1", name="ck_actions_version"),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
        sa.UniqueConstraint("journey_id", "key", name="uq_actions_journey_id_key"),
    )
    op.create_index("ix_actions_workspace_id_status", "actions", ["workspace_id", "status"])
    op.create_table(
        "action_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        *_stamp("action_changes", "changed"),
        sa.Column("changes", _JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["actions.id"], name="fk_action_changes_action_id_actions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_action_changes"),
    )
    op.create_index(
        "ix_action_changes_action_id_changed_at", "action_changes", ["action_id", "changed_at"]
    )


def _create_kpis() -> None:
    op.create_table(
        "kpis",
        sa.Column("id", sa.Uuid(), nullable=False),
        *_belongs("kpis"),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("content", _JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_stamp("kpis", "created"),
        *_stamp("kpis", "updated"),
        sa.CheckConstraint("version >= 1", name="ck_kpis_version"),
        sa.PrimaryKeyConstraint("id", name="pk_kpis"),
        sa.UniqueConstraint("workspace_id", "slug", name="uq_kpis_workspace_id_slug"),
    )
    op.create_index("ix_kpis_journey_id", "kpis", ["journey_id"])
    op.create_table(
        "kpi_points",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kpi_id", sa.Uuid(), nullable=False),
        sa.Column("measured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("journey_version", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(f"source IN ({_POINT_SOURCES})", name="ck_kpi_points_source"),
        sa.CheckConstraint("n >= 0", name="ck_kpi_points_n"),
        sa.ForeignKeyConstraint(["kpi_id"], ["kpis.id"], name="fk_kpi_points_kpi_id_kpis"),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name="fk_kpi_points_recorded_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_kpi_points"),
    )
    op.create_index("ix_kpi_points_kpi_id_measured_at", "kpi_points", ["kpi_id", "measured_at"])


def downgrade() -> None:
    for table in (
        "kpi_points",
        "kpis",
        "action_changes",
        "actions",
        "mining_results",
        "score_inputs",
        "scoring_settings",
    ):
        op.drop_table(table)  # their indexes go with them
