"""The prioritisation tables: scoring settings, entered score inputs, event-log results,
actions with their change history, key metrics and their points.

They extend `rows.Base`'s metadata (importing `cxmap.store` registers them), so the
migration check compares them like every other table. Settings, inputs and metric
definitions are whole documents as JSON, validated by the model's types on the way in and
out; actions are flat columns because they are filtered, exported and edited field by
field, and every edit is kept in `action_changes`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cxmap.model.priorities import ActionKind, ActionSource, ActionStatus, KpiPointSource
from cxmap.store.rows import Base, one_of


class ScoringSettingsRow(Base):
    """A workspace's weights and scale (`ScoringSettings`); no row = the defaults."""

    __tablename__ = "scoring_settings"
    __table_args__ = (CheckConstraint("version >= 2", name="version"),)

    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"), primary_key=True)
    content: Mapped[dict[str, Any]]
    version: Mapped[int]
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))


class ScoreInputsRow(Base):
    """What a team entered for one journey (`JourneyInputs`), with each value's source."""

    __tablename__ = "score_inputs"
    __table_args__ = (CheckConstraint("version >= 2", name="version"),)

    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"), index=True)
    content: Mapped[dict[str, Any]]
    version: Mapped[int]
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))


class MiningResultRow(Base):
    """An event-log analysis of a journey (`MiningResult` as JSON); the newest one counts.

    `log_name` is the uploaded log's file name (None for an analysis sent as JSON);
    `cases` and `events` repeat the result's counts so a history lists without its JSON.
    """

    __tablename__ = "mining_results"
    __table_args__ = (
        CheckConstraint("cases >= 0", name="cases"),
        Index("ix_mining_results_journey_id_recorded_at", "journey_id", "recorded_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"))
    journey_version: Mapped[int]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    cases: Mapped[int]
    events: Mapped[int] = mapped_column(server_default="0")
    log_name: Mapped[str | None] = mapped_column(String(255))
    content: Mapped[dict[str, Any]]


class ActionRow(Base):
    """An action; `key` says what it is about, so a suggestion is never made twice."""

    __tablename__ = "actions"
    __table_args__ = (
        CheckConstraint(one_of("kind", ActionKind), name="kind"),
        CheckConstraint(one_of("status", ActionStatus), name="status"),
        CheckConstraint(one_of("source", ActionSource), name="source"),
        CheckConstraint("version >= 1", name="version"),
        UniqueConstraint("journey_id", "key"),
        Index("ix_actions_workspace_id_status", "workspace_id", "status"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"))
    key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(80))
    step: Mapped[str | None] = mapped_column(String(80))
    owner: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16))
    fixes: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(16))
    version: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))


class ActionChangeRow(Base):
    """One change of an action: `changes` lists `{field, before, after}`; kept forever."""

    __tablename__ = "action_changes"
    __table_args__ = (Index("ix_action_changes_action_id_changed_at", "action_id", "changed_at"),)

    id: Mapped[UUID] = mapped_column(primary_key=True)
    action_id: Mapped[UUID] = mapped_column(ForeignKey("actions.id"))
    changed_at: Mapped[datetime]
    changed_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    changes: Mapped[list[Any]]


class KpiRow(Base):
    """A key metric (`Kpi` as JSON); its slug is unique in the workspace."""

    __tablename__ = "kpis"
    __table_args__ = (
        UniqueConstraint("workspace_id", "slug"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    workspace_id: Mapped[UUID] = mapped_column(ForeignKey("workspaces.id"))
    journey_id: Mapped[UUID] = mapped_column(ForeignKey("journeys.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    content: Mapped[dict[str, Any]]
    version: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]
    updated_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))


class KpiPointRow(Base):
    """One dated value of a metric."""

    __tablename__ = "kpi_points"
    __table_args__ = (
        CheckConstraint(one_of("source", KpiPointSource), name="source"),
        CheckConstraint("n >= 0", name="n"),
        Index("ix_kpi_points_kpi_id_measured_at", "kpi_id", "measured_at"),
    )

    id: Mapped[UUID] = mapped_column(primary_key=True)
    kpi_id: Mapped[UUID] = mapped_column(ForeignKey("kpis.id"))
    measured_at: Mapped[datetime]
    value: Mapped[float] = mapped_column(Float)
    n: Mapped[int]
    source: Mapped[str] = mapped_column(String(16))
    journey_version: Mapped[int | None]
    recorded_by: Mapped[UUID | None] = mapped_column(ForeignKey("users.id"))
