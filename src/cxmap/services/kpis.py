"""Key metrics as use cases: define them with targets, record dated points from the data
(or by hand), read a series, compare two periods or two journey versions, and chart it.

`record(journey)` measures every metric of the journey from its current evidence and its
newest stored event-log analysis (`cxmap.scoring.kpis.measure`) and adds one dated point
each. It runs when an analysis is stored (`add_analysis`) and is the hook an evidence
import calls when it is done (`record_after_import`), so every import or analysis leaves
a point and progress can be seen over time. Reading needs the viewer role, every change
the editor role; `actor` None is the local CLI.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from uuid import UUID

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Journey
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    JourneyVersion,
    Kpi,
    KpiComparison,
    KpiPoint,
    KpiPointSource,
    Period,
)
from cxmap.model.priority_records import (
    ChartFormat,
    KpiSeries,
    ManualPoint,
    RecordedPoints,
    StoredKpi,
    parse_body,
)
from cxmap.model.workspace import Role
from cxmap.render.kpi_chart import kpi_chart_pdf, kpi_chart_png, kpi_chart_svg
from cxmap.scoring.kpis import compare, measure
from cxmap.services.priority_data import DataReader, require
from cxmap.store import Database, Journeys, Kpis, MiningResults
from cxmap.store.records import Clock, utc_now

Window = Period | JourneyVersion
#: The largest count a database INTEGER column holds on every backend.
MAX_COUNT = 2**31 - 1
#: The largest share or duration (seconds: 31,000 years) an analysis may hold, so sums stay finite.
MAX_MEASURE = 1e12


class KeyMetrics:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def define(self, actor: UUID | None, workspace_id: UUID, data: object) -> StoredKpi:
        """A new metric (a `Kpi` body; `journey` is the journey's id in the workspace)."""
        kpi = parse_body(Kpi, data)
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            stored = Journeys(session, self.clock).get_by_slug(workspace_id, kpi.journey)
            check_steps(stored.journey, kpi)
            return Kpis(session, self.clock).create(workspace_id, stored.id, kpi, by=actor)

    def search(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID | None = None
    ) -> list[StoredKpi]:
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            if journey_id is not None:
                Journeys(session, self.clock).get(workspace_id, journey_id)
            return Kpis(session, self.clock).search(workspace_id, journey_id=journey_id)

    def get(self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID) -> StoredKpi:
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            return Kpis(session, self.clock).get(workspace_id, kpi_id)

    def find(self, actor: UUID | None, workspace_id: UUID, slug: str) -> StoredKpi:
        """The metric by its own id (slug), as the CLI names it."""
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            return Kpis(session, self.clock).by_slug(workspace_id, slug)

    def replace(
        self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID, data: object, *, expected: int
    ) -> StoredKpi:
        """A new definition for the metric (it stays with its journey)."""
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            kpis = Kpis(session, self.clock)
            current = kpis.get(workspace_id, kpi_id)  # not found before invalid: no leak
            kpi = parse_body(Kpi, data)
            if kpi.journey != current.kpi.journey:
                message = f"a metric stays with journey '{current.kpi.journey}'; define a new one"
                raise InvalidInputError([Problem(("journey",), message)])
            journey = Journeys(session, self.clock).get(workspace_id, current.journey_id).journey
            check_steps(journey, kpi)
            return kpis.update(workspace_id, kpi_id, kpi, expected_version=expected, by=actor)

    def delete(
        self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID, *, expected: int
    ) -> StoredKpi:
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            return Kpis(session, self.clock).delete(
                workspace_id, kpi_id, expected_version=expected, by=actor
            )

    def record(self, actor: UUID | None, workspace_id: UUID, journey_id: UUID) -> RecordedPoints:
        """A dated point for every metric of the journey that the data covers."""
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            kpis = Kpis(session, self.clock)
            defined = kpis.search(workspace_id, journey_id=journey_id)
            if not defined:  # an import into a journey without metrics costs nothing more
                Journeys(session, self.clock).get(workspace_id, journey_id)
                return RecordedPoints(journey_id=journey_id, points=[], without_data=[])
            data = DataReader(self.database, session, self.clock).journey(workspace_id, journey_id)
            now = self.clock()
            points: list[KpiPoint] = []
            without: list[str] = []
            for stored in defined:
                point = measure(
                    stored.kpi,
                    data.evidence,
                    data.mined,
                    measured_at=now,
                    journey_version=data.stored.version,
                )
                if point is None:
                    without.append(stored.kpi.id)
                else:
                    points.append(kpis.add_point(workspace_id, stored.id, point, by=actor))
        return RecordedPoints(journey_id=journey_id, points=points, without_data=without)

    def add_analysis(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID, data: object
    ) -> RecordedPoints:
        """Keep an event-log analysis of the journey (what `cxmap mine --journey` writes)
        for scores and metrics, then record the metrics."""
        result = parse_body(MiningResult, data)
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            journey = Journeys(session, self.clock).get(workspace_id, journey_id).journey
            check_analysis(journey, result)
            MiningResults(session, self.clock).add(workspace_id, journey_id, result, by=actor)
        return self.record(actor, workspace_id, journey_id)

    def add_point(
        self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID, data: object
    ) -> KpiPoint:
        """A value measured elsewhere, entered by hand (a `ManualPoint` body)."""
        manual = parse_body(ManualPoint, data)
        at = in_utc(manual.measured_at or self.clock(), "measured_at")
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            kpis = Kpis(session, self.clock)
            stored = kpis.get(workspace_id, kpi_id)
            version = Journeys(session, self.clock).get(workspace_id, stored.journey_id).version
            point = KpiPoint(
                kpi=stored.kpi.id,
                measured_at=at,
                value=manual.value,
                n=manual.n,
                source=KpiPointSource.MANUAL,
                journey_version=version,
            )
            return kpis.add_point(workspace_id, kpi_id, point, by=actor)

    def series(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        kpi_id: UUID,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> KpiSeries:
        """The metric and its points in [start, end), oldest first."""
        start = None if start is None else in_utc(start, "start")
        end = None if end is None else in_utc(end, "end")
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            kpis = Kpis(session, self.clock)
            stored = kpis.get(workspace_id, kpi_id)
            points = kpis.points(workspace_id, kpi_id, start=start, end=end)
        latest = stored.kpi.meets(points[-1].value) if points else None
        return KpiSeries(kpi=stored, points=points, latest_met=latest)

    def compare(
        self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID, before: Window, after: Window
    ) -> KpiComparison:
        """Before/after: two periods, or two versions of the journey."""
        found = self.series(actor, workspace_id, kpi_id)
        return compare(found.kpi.kpi, found.points, before, after)

    def chart(
        self, actor: UUID | None, workspace_id: UUID, kpi_id: UUID, chart_format: ChartFormat
    ) -> bytes:
        """The progress chart: SVG (the map's render path), or PNG or PDF made from it."""
        found = self.series(actor, workspace_id, kpi_id)
        return draw_chart(found.kpi.kpi, found.points, chart_format)


def draw_chart(kpi: Kpi, points: Sequence[KpiPoint], chart_format: ChartFormat) -> bytes:
    if chart_format == ChartFormat.PNG:
        return kpi_chart_png(kpi, points)
    if chart_format == ChartFormat.PDF:
        return kpi_chart_pdf(kpi, points)
    return kpi_chart_svg(kpi, points).encode("utf-8")


def record_after_import(
    database: Database,
    actor: UUID | None,
    workspace_id: UUID,
    journey_id: UUID,
    clock: Clock = utc_now,
) -> RecordedPoints:
    """The hook an evidence import calls when its items are stored: every metric of the
    journey gets the point the new evidence gives it."""
    return KeyMetrics(database, clock).record(actor, workspace_id, journey_id)


def in_utc(moment: datetime, name: str) -> datetime:
    """`moment` in UTC, as the store keeps times; a time without a zone, or one that falls
    outside the calendar in UTC (year 1 at +01:00), is refused by name."""
    if moment.tzinfo is None:
        message = "needs a time zone (e.g. 2025-03-01T09:00:00Z)"
        raise InvalidInputError([Problem((name,), message)])
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise InvalidInputError([Problem((name,), "is outside the calendar in UTC")]) from None


def check_steps(journey: Journey, kpi: Kpi) -> None:
    """Every step the metric names is a step of its journey."""
    known = journey.step_index()
    problems = [
        Problem((field,), f"no step '{step}' in journey '{journey.id}'")
        for field in ("step", "from_step", "to_step")
        if (step := getattr(kpi, field)) is not None and step not in known
    ]
    if problems:
        raise InvalidInputError(problems)


def check_analysis(journey: Journey, result: MiningResult) -> None:
    """The analysis was made against this journey (its funnel names only its steps), and
    its numbers are counts, shares and durations: whole counts a database column holds,
    nothing negative, infinite or NaN."""
    problems = list(_number_problems(result.model_dump(), ()))
    if result.funnel is not None:
        known = journey.step_index()
        problems += [
            Problem(
                ("funnel", "steps", index, "step"),
                f"no step '{step.step}' in journey '{journey.id}': was the log mined against "
                "another journey?",
            )
            for index, step in enumerate(result.funnel.steps)
            if step.step not in known
        ]
    if problems:
        raise InvalidInputError(problems)


def _number_problems(value: object, path: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _number_problems(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _number_problems(item, (*path, index))
    elif isinstance(value, bool) or not isinstance(value, int | float):
        return
    elif isinstance(value, int) and not 0 <= value <= MAX_COUNT:
        yield Problem(path, f"must be a count between 0 and {MAX_COUNT}, not {value}")
    elif isinstance(value, float) and not (math.isfinite(value) and 0 <= value <= MAX_MEASURE):
        yield Problem(path, f"must be a number between 0 and {MAX_MEASURE:g}, not {value}")
