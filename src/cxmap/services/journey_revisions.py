"""A journey's history as use cases: the revisions, the journey as of a version, restoring.

Reading the past needs only the viewer role; restoring is an edit (editor) and, like every
edit, names the version it was based on. Restoring writes the old content as a new version,
so nothing in between is lost.
"""

from __future__ import annotations

from uuid import UUID

from cxmap.model.journey import Journey
from cxmap.model.journey_record import Revision, StoredJourney
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.store import Database, JourneyHistory
from cxmap.store.records import Clock, utc_now


class JourneyRevisions:
    def __init__(
        self, database: Database, clock: Clock = utc_now, events: JourneyEventSink | None = None
    ) -> None:
        self.database = database
        self.clock = clock
        self.events = events or NoEvents()

    def revisions(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> list[Revision]:
        """Every revision, oldest first (a journey in the bin keeps its history)."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return JourneyHistory(session, self.clock).revisions(workspace_id, journey_id)

    def revision(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, version: int
    ) -> tuple[Revision, Journey]:
        """One revision and the journey exactly as it was at that version."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            history = JourneyHistory(session, self.clock)
            return (
                history.revision(workspace_id, journey_id, version),
                history.as_of(workspace_id, journey_id, version),
            )

    def restore(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        version: int,
        *,
        expected_version: int,
    ) -> StoredJourney:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            stored = JourneyHistory(session, self.clock).restore(
                workspace_id, journey_id, version, expected_version=expected_version, by=actor
            )
        event = JourneyEvent(
            "journey.restored", journey_id, stored.version, actor, stored.updated_at
        )
        self.events.publish(event)
        return stored
