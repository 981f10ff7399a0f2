"""A journey's past: every version, who made it and what changed, and going back to one.

History is read for deleted journeys too (the bin keeps everything). Restoring an old
version does not rewind anything: it writes the old content as a new version, so the
versions in between stay in the history and can themselves be restored.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from cxmap.model.errors import NotFoundError
from cxmap.model.journey import Journey
from cxmap.model.journey_record import Revision, RevisionAction, StoredJourney
from cxmap.store.journey_versions import Change, any_row, live_row, save_version
from cxmap.store.records import Repository, revision_record, stored_content, stored_journey
from cxmap.store.rows import JourneyRevisionRow


class JourneyHistory(Repository):
    """The revisions of the journeys of a workspace."""

    def revisions(self, workspace_id: UUID, journey_id: UUID) -> list[Revision]:
        """Every revision, oldest first."""
        any_row(self.session, workspace_id, journey_id)
        rows = self.session.scalars(
            select(JourneyRevisionRow)
            .where(JourneyRevisionRow.journey_id == journey_id)
            .order_by(JourneyRevisionRow.version)
        )
        return [revision_record(row) for row in rows]

    def revision(self, workspace_id: UUID, journey_id: UUID, version: int) -> Revision:
        return revision_record(self._revision_row(workspace_id, journey_id, version))

    def as_of(self, workspace_id: UUID, journey_id: UUID, version: int) -> Journey:
        """The journey exactly as it was at `version`."""
        row = self._revision_row(workspace_id, journey_id, version)
        return stored_content(row.content, journey_id, version)

    def restore(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        version: int,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredJourney:
        """Make the content of `version` current again, as a new version.

        Like any write it is refused with `ConflictError` if the journey has moved on from
        `expected_version`.
        """
        self.require_user(by)
        old = self._revision_row(workspace_id, journey_id, version)
        row = live_row(self.session, workspace_id, journey_id)
        journey = stored_content(old.content, journey_id, version)
        change = Change(journey, RevisionAction.RESTORE, by, self.clock(), restored_from=version)
        return stored_journey(save_version(self.session, row, change, expected_version))

    def _revision_row(
        self, workspace_id: UUID, journey_id: UUID, version: int
    ) -> JourneyRevisionRow:
        any_row(self.session, workspace_id, journey_id)
        row = self.session.get(JourneyRevisionRow, (journey_id, version))
        if row is None:
            raise NotFoundError(f"journey {journey_id} has no version {version}")
        return row
