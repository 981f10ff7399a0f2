"""A workspace's key metrics and their dated points.

A metric is bound to one journey (its steps name what is measured) and its slug is unique
in the workspace, so people can name it on the command line. The journey the metric
document names is always the journey's current slug, read from the journey itself, so
renaming a journey never leaves metrics pointing nowhere. Deleting a metric deletes its
points; changing it names the version the writer saw, as for personas.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import AlreadyExistsError, ConflictError, NotFoundError
from cxmap.model.priorities import Kpi, KpiPoint, KpiPointSource
from cxmap.model.priority_records import StoredKpi
from cxmap.store.journey_versions import live_row
from cxmap.store.priority_rows import KpiPointRow, KpiRow
from cxmap.store.records import Repository
from cxmap.store.rows import JourneyRow

MAX_LIST = 1_000
MAX_POINTS = 10_000


class Kpis(Repository):
    def create(
        self, workspace_id: UUID, journey_id: UUID, kpi: Kpi, *, by: UUID | None
    ) -> StoredKpi:
        self.require_user(by)
        journey = live_row(self.session, workspace_id, journey_id)
        if self._find(workspace_id, kpi.id) is not None:
            raise slug_taken(kpi.id)
        now = self.clock()
        row = KpiRow(
            id=uuid4(),
            workspace_id=workspace_id,
            journey_id=journey_id,
            slug=kpi.id,
            content=_content(kpi),
            version=1,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:  # a concurrent create of the same slug won the race
            raise slug_taken(kpi.id) from None
        return stored_kpi(row, journey.slug)

    def get(self, workspace_id: UUID, kpi_id: UUID) -> StoredKpi:
        row, slug = self._row(workspace_id, kpi_id)
        return stored_kpi(row, slug)

    def by_slug(self, workspace_id: UUID, slug: str) -> StoredKpi:
        row = self._find(workspace_id, slug)
        if row is None:
            raise NotFoundError(f"no key metric '{slug}' in this workspace")
        return self.get(workspace_id, row.id)

    def search(self, workspace_id: UUID, *, journey_id: UUID | None = None) -> list[StoredKpi]:
        """The workspace's metrics of live journeys, by slug."""
        statement = (
            select(KpiRow, JourneyRow.slug)
            .join(JourneyRow, JourneyRow.id == KpiRow.journey_id)
            .where(KpiRow.workspace_id == workspace_id, JourneyRow.deleted_at.is_(None))
        )
        if journey_id is not None:
            statement = statement.where(KpiRow.journey_id == journey_id)
        rows = self.session.execute(statement.order_by(KpiRow.slug).limit(MAX_LIST))
        return [stored_kpi(row, slug) for row, slug in rows]

    def update(
        self,
        workspace_id: UUID,
        kpi_id: UUID,
        kpi: Kpi,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredKpi:
        """Replace the definition (same journey) if it is still at `expected_version`."""
        self.require_user(by)
        row, slug = self._row(workspace_id, kpi_id)
        if row.version != expected_version:
            raise conflict(kpi_id, expected_version, row.version)
        content = _content(kpi)
        if content == row.content:
            return stored_kpi(row, slug)
        other = self._find(workspace_id, kpi.id)
        if other is not None and other.id != row.id:
            raise slug_taken(kpi.id)
        changed = self.session.execute(
            update(KpiRow)
            .where(KpiRow.id == row.id, KpiRow.version == expected_version)
            .values(
                version=expected_version + 1,
                slug=kpi.id,
                content=content,
                updated_at=self.clock(),
                updated_by=by,
            )
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            self.session.expire(row)
            raise conflict(kpi_id, expected_version, self._row(workspace_id, kpi_id)[0].version)
        self.session.refresh(row)
        return stored_kpi(row, slug)

    def delete(
        self, workspace_id: UUID, kpi_id: UUID, *, expected_version: int, by: UUID | None
    ) -> StoredKpi:
        """Remove the metric and its points if it is still at `expected_version`."""
        self.require_user(by)
        row, slug = self._row(workspace_id, kpi_id)
        if row.version != expected_version:
            raise conflict(kpi_id, expected_version, row.version)
        gone = stored_kpi(row, slug)
        self.session.execute(delete(KpiPointRow).where(KpiPointRow.kpi_id == row.id))
        self.session.delete(row)
        self.session.flush()
        return gone

    def add_point(
        self, workspace_id: UUID, kpi_id: UUID, point: KpiPoint, *, by: UUID | None
    ) -> KpiPoint:
        self.require_user(by)
        row, _slug = self._row(workspace_id, kpi_id)
        self.session.add(
            KpiPointRow(
                id=uuid4(),
                kpi_id=row.id,
                measured_at=point.measured_at,
                value=point.value,
                n=point.n,
                source=point.source.value,
                journey_version=point.journey_version,
                recorded_by=by,
            )
        )
        self.session.flush()
        return point.model_copy(update={"kpi": row.slug})

    def points(
        self,
        workspace_id: UUID,
        kpi_id: UUID,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[KpiPoint]:
        """The metric's points in [start, end), oldest first."""
        row, _slug = self._row(workspace_id, kpi_id)
        statement = select(KpiPointRow).where(KpiPointRow.kpi_id == row.id)
        if start is not None:
            statement = statement.where(KpiPointRow.measured_at >= start)
        if end is not None:
            statement = statement.where(KpiPointRow.measured_at < end)
        rows = self.session.scalars(
            statement.order_by(KpiPointRow.measured_at, KpiPointRow.id).limit(MAX_POINTS)
        )
        return [
            KpiPoint(
                kpi=row.slug,
                measured_at=point.measured_at,
                value=point.value,
                n=point.n,
                source=KpiPointSource(point.source),
                journey_version=point.journey_version,
            )
            for point in rows
        ]

    def _find(self, workspace_id: UUID, slug: str) -> KpiRow | None:
        return self.session.scalar(
            select(KpiRow).where(KpiRow.workspace_id == workspace_id, KpiRow.slug == slug)
        )

    def _row(self, workspace_id: UUID, kpi_id: UUID) -> tuple[KpiRow, str]:
        """The metric if it belongs to this workspace and its journey is live, else not found."""
        found = self.session.execute(
            select(KpiRow, JourneyRow.slug)
            .join(JourneyRow, JourneyRow.id == KpiRow.journey_id)
            .where(
                KpiRow.id == kpi_id,
                KpiRow.workspace_id == workspace_id,
                JourneyRow.deleted_at.is_(None),
            )
        ).first()
        if found is None:
            raise NotFoundError(f"key metric {kpi_id} not found")
        return found[0], found[1]


def _content(kpi: Kpi) -> dict[str, object]:
    """The definition without its journey: that is the row's `journey_id`."""
    return kpi.model_dump(mode="json", exclude={"journey"})


def stored_kpi(row: KpiRow, journey_slug: str) -> StoredKpi:
    return StoredKpi(
        id=row.id,
        workspace_id=row.workspace_id,
        journey_id=row.journey_id,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        kpi=Kpi.model_validate({**row.content, "journey": journey_slug}),
    )


def slug_taken(slug: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"a key metric with id '{slug}' already exists in this workspace")


def conflict(kpi_id: object, expected: int, current: int) -> ConflictError:
    return ConflictError(
        f"key metric {kpi_id} is at version {current}, not {expected}: someone else changed "
        "it; fetch it again and reapply your change",
        current_version=current,
    )
