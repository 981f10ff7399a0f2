"""Maps of stored journeys: SVG, PNG, PDF, HTML and the layout data, for the API.

What is drawn is read in one transaction: the journey as it is now or as of a past
version, and with `actual` the newest stored event-log analysis as the gap overlay (what
`cxmap render --mined` draws). Drawing is `rendering.render_journey`, the same code the
CLI writes files with, so a map downloaded from the server and one rendered locally are
the same picture. An analysis that no longer fits the journey (steps renamed since the log
was mined) is a conflict naming what to do, never a map that mixes two journeys.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from cxmap.model.errors import ConflictError, InvalidInputError
from cxmap.model.journey import Journey
from cxmap.model.journey_gap import GapOverlay, gap_overlay
from cxmap.model.journey_map import MapLayout
from cxmap.model.layout import layout_journey
from cxmap.model.priority_records import MiningSummary, StoredMining
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.services.mined_journeys import no_actual_journey
from cxmap.services.rendering import OutputFormat, render_journey
from cxmap.services.share_links import JourneyShareLinks
from cxmap.store import Database, JourneyHistory, Journeys, MiningResults
from cxmap.store.records import Clock, utc_now

MEDIA_TYPES = {
    OutputFormat.SVG: "image/svg+xml",
    OutputFormat.PNG: "image/png",
    OutputFormat.PDF: "application/pdf",
    OutputFormat.HTML: "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class MapSubject:
    """What one map shows: the journey (at `version`) and, if asked, the actual journey."""

    journey: Journey
    version: int
    past: bool
    actual: StoredMining | None = None

    def overlay(self) -> GapOverlay | None:
        if self.actual is None:
            return None
        source = self.actual.log_name or f"the analysis of {self.actual.recorded_at:%Y-%m-%d}"
        try:
            return gap_overlay(self.journey, self.actual.result, source)
        except InvalidInputError as error:
            reason = error.problems[0].message if error.problems else "it does not fit"
            raise ConflictError(
                f"the newest actual journey (mined against version "
                f"{self.actual.journey_version}) does not fit version {self.version}: {reason}",
                self.version,
            ) from None


@dataclass(frozen=True)
class DrawnMap:
    content: bytes
    media_type: str
    file_name: str
    version: int


def draw_map(subject: MapSubject, fmt: OutputFormat) -> DrawnMap:
    """The map in one format; every map the server hands out is drawn here."""
    content = render_journey(subject.journey, [fmt], subject.overlay())[fmt]
    stem = subject.journey.id
    if subject.past:
        stem += f"-v{subject.version}"
    if subject.actual is not None:
        stem += "-actual"
    return DrawnMap(content, MEDIA_TYPES[fmt], f"{stem}.{fmt.value}", subject.version)


def map_layout(subject: MapSubject) -> MapLayout:
    """The layout `draw_map` draws, as data."""
    actual = None if subject.actual is None else _summary(subject.actual)
    layout = layout_journey(subject.journey, subject.overlay())
    return MapLayout(version=subject.version, actual=actual, layout=layout)


class JourneyMaps:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def subject(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        version: int | None = None,
        actual: bool = False,
    ) -> MapSubject:
        """The journey (viewers), as of `version` when given, with its newest analysis when
        `actual`; not found if there is no such version or no analysis yet."""
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            stored = Journeys(session, self.clock).get(workspace_id, journey_id)
            journey = stored.journey
            if version is not None and version != stored.version:
                journey = JourneyHistory(session, self.clock).as_of(
                    workspace_id, journey_id, version
                )
            mined = None
            if actual:
                mined = MiningResults(session, self.clock).latest(workspace_id, journey_id)
                if mined is None:
                    raise no_actual_journey(journey_id)
        past = version is not None and version != stored.version
        return MapSubject(journey, version or stored.version, past, mined)

    def draw(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        fmt: OutputFormat,
        *,
        version: int | None = None,
        actual: bool = False,
    ) -> DrawnMap:
        subject = self.subject(actor, workspace_id, journey_id, version=version, actual=actual)
        return draw_map(subject, fmt)

    def layout(
        self,
        actor: UUID,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        version: int | None = None,
        actual: bool = False,
    ) -> MapLayout:
        subject = self.subject(actor, workspace_id, journey_id, version=version, actual=actual)
        return map_layout(subject)

    def shared_subject(self, secret: str) -> MapSubject:
        """A share link's journey as it is now (no login: the secret is the permission)."""
        stored = JourneyShareLinks(self.database, self.clock).journey(secret)
        return MapSubject(stored.journey, stored.version, past=False)

    def draw_shared(self, secret: str, fmt: OutputFormat) -> DrawnMap:
        return draw_map(self.shared_subject(secret), fmt)

    def shared_layout(self, secret: str) -> MapLayout:
        return map_layout(self.shared_subject(secret))


def _summary(stored: StoredMining) -> MiningSummary:
    return MiningSummary(
        id=stored.id,
        journey_id=stored.journey_id,
        journey_version=stored.journey_version,
        recorded_at=stored.recorded_at,
        recorded_by=stored.recorded_by,
        log_name=stored.log_name,
        cases=stored.result.cases,
        events=stored.result.events,
    )
