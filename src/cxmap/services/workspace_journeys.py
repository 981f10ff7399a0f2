"""A workspace's journeys as use cases: list and search, read, create, replace, patch,
delete and bring back, each checked against the caller's role.

The API and the CLI (`cxmap push`/`pull`) both come here. Every write names the version the
caller based it on, so a write made on stale data is refused (`ConflictError` with the
current version) rather than silently overwriting a colleague's change. Bodies arrive as
plain data and are validated whole by `parse_journey`, so a problem is named by its path
in the journey exactly as `cxmap validate` names it in a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from cxmap.model.journey import Journey
from cxmap.model.journey_edits import JsonDocument, merge_patch
from cxmap.model.journey_record import JourneyPage, JourneyQuery, JourneySummary, StoredJourney
from cxmap.model.validation import parse_journey
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.store import Database, Journeys
from cxmap.store.journey_versions import conflict
from cxmap.store.records import Clock, utc_now

#: An edit of a stored journey: the current document in, the edited document out.
DocumentEdit = Callable[[JsonDocument], JsonDocument]


class WorkspaceJourneys:
    def __init__(
        self, database: Database, clock: Clock = utc_now, events: JourneyEventSink | None = None
    ) -> None:
        self.database = database
        self.clock = clock
        self.events = events or NoEvents()

    def _announce(self, kind: str, journey: JourneySummary, by: UUID) -> None:
        """Tell the journey's watchers, after the transaction has committed."""
        at = journey.deleted_at if kind == "journey.deleted" else journey.updated_at
        self.events.publish(JourneyEvent(kind, journey.id, journey.version, by, at or self.clock()))

    def search(self, actor: UUID, workspace_id: UUID, query: JourneyQuery) -> JourneyPage:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Journeys(session, self.clock).search(workspace_id, query)

    def get(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> StoredJourney:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Journeys(session, self.clock).get(workspace_id, journey_id)

    def create(self, actor: UUID, workspace_id: UUID, data: object) -> StoredJourney:
        """Store a new journey from a body; its `id` must be free in the workspace."""
        return self.create_journey(actor, workspace_id, parse_journey(data))

    def create_journey(self, actor: UUID, workspace_id: UUID, journey: Journey) -> StoredJourney:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            return Journeys(session, self.clock).create(workspace_id, journey, by=actor)

    def replace(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        data: object,
        *,
        expected_version: int,
    ) -> StoredJourney:
        """Replace the whole content (PUT); the store's version and time are its own."""
        journey = parse_journey(data)
        return self.edit(
            actor,
            workspace_id,
            journey_id,
            lambda _current: journey.model_dump(mode="json"),
            expected_version=expected_version,
        )

    def patch(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        patch: dict[str, Any],
        *,
        expected_version: int,
    ) -> StoredJourney:
        """Apply an RFC 7396 merge patch (change a title or a status without sending all)."""
        return self.edit(
            actor,
            workspace_id,
            journey_id,
            lambda current: merge_patch(current, patch),
            expected_version=expected_version,
        )

    def edit(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        change: DocumentEdit,
        *,
        expected_version: int | None,
    ) -> StoredJourney:
        """Read, edit, validate and save in one transaction.

        With `expected_version` None the edit applies to whatever is current (an addition,
        say, which overwrites nothing); a writer racing in between still gets a conflict.
        """
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            journeys = Journeys(session, self.clock)
            current = journeys.get(workspace_id, journey_id)
            if expected_version is not None and current.version != expected_version:
                # Before the edit: an edit made on stale data may no longer even apply.
                raise conflict(journey_id, expected_version, current.version)
            document = current.journey.model_dump(mode="json")
            edited = parse_journey(change(document))
            expected = current.version if expected_version is None else expected_version
            stored = journeys.update(
                workspace_id, journey_id, edited, expected_version=expected, by=actor
            )
        self._announce("journey.updated", stored, actor)
        return stored

    def delete(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, *, expected_version: int
    ) -> JourneySummary:
        """Move the journey to the bin (its history is kept; `undelete` brings it back)."""
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            summary = Journeys(session, self.clock).delete(
                workspace_id, journey_id, by=actor, expected_version=expected_version
            )
        self._announce("journey.deleted", summary, actor)
        return summary

    def undelete(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> StoredJourney:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            stored = Journeys(session, self.clock).undelete(workspace_id, journey_id, by=actor)
        self._announce("journey.undeleted", stored, actor)
        return stored
