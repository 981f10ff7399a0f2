"""Mined results: event logs uploaded through the API are analysed and kept per journey.

The analyses already live in `mining_results` (0007, for scores and metrics); an upload
adds where it came from (`log_name`) and its event count beside the case count, so the
history of a journey's analyses lists without reading each one's JSON. One table, so an
analysis counts for the map, the scores and the metrics however it arrived. Rows written
before this revision get their event count from their own JSON.

Plain ADD/DROP COLUMN (no batch copy of the table): SQLite does both in place, and a copy
would rename the table's named CHECK constraint through the naming convention. `events`
is added NOT NULL with a server default (the only way SQLite adds a NOT NULL column);
cxmap always writes it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

_RESULTS = sa.table(
    "mining_results",
    sa.column("id", sa.Uuid()),
    sa.column("content", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")),
    sa.column("events", sa.Integer()),
)


def upgrade() -> None:
    op.add_column(
        "mining_results", sa.Column("events", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("mining_results", sa.Column("log_name", sa.String(255), nullable=True))
    connection = op.get_bind()
    stored = connection.execute(sa.select(_RESULTS.c.id, _RESULTS.c.content)).all()
    for result_id, content in stored:
        events = content.get("events", 0) if isinstance(content, dict) else 0
        connection.execute(
            _RESULTS.update().where(_RESULTS.c.id == result_id).values(events=int(events))
        )


def downgrade() -> None:
    op.drop_column("mining_results", "log_name")
    op.drop_column("mining_results", "events")
