"""The actual journey of a stored journey: an event log uploaded through the API, mined
against the journey as it is now, and kept for the map's overlay, the scores and the key
metrics.

The result goes into the same `mining_results` table as an analysis sent as JSON (the
prioritisation's `MiningResults`), so whichever way it arrived, the newest one is what
scores, metrics and the map use. The log is mined outside any transaction (it may take a
few seconds; a SQLite writer must not wait on it), and the result is stored only if the
journey has not moved on meanwhile: a result mined against version 4 is never filed under
version 5. A bad log stores nothing and names the row and column, as `cxmap mine` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from cxmap.model.errors import ConflictError, NotFoundError
from cxmap.model.mining import ColumnMapping
from cxmap.model.priority_records import MiningSummary, StoredMining
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.services.mining import mine_uploaded_log
from cxmap.settings import Settings
from cxmap.store import Database, Journeys, MiningResults
from cxmap.store.records import Clock, utc_now

#: The live message watchers of the journey get when a new actual journey is stored.
ACTUAL_RECORDED = "actual.recorded"


@dataclass(frozen=True)
class LogUpload:
    """An uploaded event log: where it sits now, the name its uploader gave it, which of
    its columns hold case, activity and time, and an optional column to split the funnel."""

    path: Path
    name: str
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    by: str | None = None


def latest_mined(database: Database, workspace_id: UUID, journey_id: UUID) -> StoredMining | None:
    """The journey's newest stored analysis (`.result` is the `MiningResult`: cases,
    funnel, conformance ...), or None; no role check, for other use cases to build on."""
    with database.reading() as session:
        return MiningResults(session).latest(workspace_id, journey_id)


class MinedJourneys:
    def __init__(
        self,
        database: Database,
        *,
        max_bytes: int,
        clock: Clock = utc_now,
        events: JourneyEventSink | None = None,
    ) -> None:
        self.database = database
        #: The largest log accepted (the attachment limit: a log is a file people upload).
        self.max_bytes = max_bytes
        self.clock = clock
        self.events = events or NoEvents()

    @classmethod
    def from_settings(
        cls, settings: Settings, database: Database, events: JourneyEventSink | None = None
    ) -> MinedJourneys:
        return cls(database, max_bytes=settings.attachment_max_bytes, events=events)

    def upload(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, upload: LogUpload
    ) -> StoredMining:
        """Mine `upload` against the journey (editors) and keep the result as its newest."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            stored = Journeys(session, self.clock).get(workspace_id, journey_id)
        result = mine_uploaded_log(
            upload.path, stored.journey, upload.mapping, upload.by, name=upload.name
        )
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            current = Journeys(session, self.clock).get(workspace_id, journey_id).version
            if current != stored.version:
                raise _moved_on(journey_id, stored.version, current)
            kept = MiningResults(session, self.clock).add(
                workspace_id, journey_id, result, by=actor, log_name=upload.name
            )
        event = JourneyEvent(
            ACTUAL_RECORDED, journey_id, kept.journey_version, actor, kept.recorded_at
        )
        self.events.publish(event)
        return kept

    def latest(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> StoredMining:
        """The newest analysis of the journey (viewers); not found when there is none."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            Journeys(session, self.clock).get(workspace_id, journey_id)
            found = MiningResults(session, self.clock).latest(workspace_id, journey_id)
        if found is None:
            raise no_actual_journey(journey_id)
        return found

    def history(self, actor: UUID, workspace_id: UUID, journey_id: UUID) -> list[MiningSummary]:
        """Every analysis of the journey, newest first (viewers)."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return MiningResults(session, self.clock).history(workspace_id, journey_id)


def no_actual_journey(journey_id: UUID) -> NotFoundError:
    return NotFoundError(
        f"journey {journey_id} has no actual journey yet; upload an event log to "
        "POST .../actual first"
    )


def _moved_on(journey_id: UUID, mined: int, current: int) -> ConflictError:
    return ConflictError(
        f"journey {journey_id} changed (version {mined} -> {current}) while the log was "
        "mined; upload it again to mine it against the new version",
        current,
    )
