"""Event-log analyses kept per journey, so scores, priorities and key metrics can use what
customers actually did without mining the log again. The newest analysis of a journey is
the one that counts; older ones stay as the record of what was measured when.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from sqlalchemy import func, select

from cxmap.model.mining import MiningResult
from cxmap.model.priority_records import MiningSummary, StoredMining
from cxmap.store.journey_versions import any_row, live_row
from cxmap.store.priority_rows import MiningResultRow
from cxmap.store.records import Repository


class MiningResults(Repository):
    def add(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        result: MiningResult,
        *,
        by: UUID | None,
        log_name: str | None = None,
    ) -> StoredMining:
        """Keep `result` as the journey's newest analysis (of its current version);
        `log_name` is the event log's file name when it was mined from an upload."""
        self.require_user(by)
        journey = live_row(self.session, workspace_id, journey_id)
        row = MiningResultRow(
            id=uuid4(),
            workspace_id=workspace_id,
            journey_id=journey_id,
            journey_version=journey.version,
            recorded_at=self.clock(),
            recorded_by=by,
            cases=result.cases,
            events=result.events,
            log_name=log_name,
            content=result.model_dump(mode="json"),
        )
        self.session.add(row)
        self.session.flush()
        return _stored(row)

    def latest(self, workspace_id: UUID, journey_id: UUID) -> StoredMining | None:
        row = self.session.scalar(
            select(MiningResultRow)
            .where(
                MiningResultRow.workspace_id == workspace_id,
                MiningResultRow.journey_id == journey_id,
            )
            .order_by(MiningResultRow.recorded_at.desc(), MiningResultRow.id.desc())
            .limit(1)
        )
        return None if row is None else _stored(row)

    def history(self, workspace_id: UUID, journey_id: UUID) -> list[MiningSummary]:
        """Every analysis of the journey, newest first, without their results."""
        any_row(self.session, workspace_id, journey_id)
        rows = self.session.execute(
            select(*_SUMMARY_COLUMNS)
            .where(
                MiningResultRow.workspace_id == workspace_id,
                MiningResultRow.journey_id == journey_id,
            )
            .order_by(MiningResultRow.recorded_at.desc(), MiningResultRow.id.desc())
        )
        return [MiningSummary.model_validate(row._asdict()) for row in rows]

    def latest_per_journey(self, workspace_id: UUID) -> dict[UUID, MiningResult]:
        """Journey id -> its newest analysis, for every journey of the workspace having one."""
        newest = (
            select(
                MiningResultRow.journey_id,
                func.max(MiningResultRow.recorded_at).label("recorded_at"),
            )
            .where(MiningResultRow.workspace_id == workspace_id)
            .group_by(MiningResultRow.journey_id)
            .subquery()
        )
        rows = self.session.scalars(
            select(MiningResultRow)
            .join(
                newest,
                (MiningResultRow.journey_id == newest.c.journey_id)
                & (MiningResultRow.recorded_at == newest.c.recorded_at),
            )
            .order_by(MiningResultRow.id)
        )
        return {row.journey_id: MiningResult.model_validate(row.content) for row in rows}


def _stored(row: MiningResultRow) -> StoredMining:
    return StoredMining(
        id=row.id,
        journey_id=row.journey_id,
        journey_version=row.journey_version,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        log_name=row.log_name,
        result=MiningResult.model_validate(row.content),
    )


_SUMMARY_COLUMNS = (
    MiningResultRow.id,
    MiningResultRow.journey_id,
    MiningResultRow.journey_version,
    MiningResultRow.recorded_at,
    MiningResultRow.recorded_by,
    MiningResultRow.log_name,
    MiningResultRow.cases,
    MiningResultRow.events,
)
