"""A journey's evidence as use cases: the per-step summary (numbers, pain, themes,
departments), pages of items, the unmapped queue, the imports, and placing an item on a
step by hand.

The summary is computed from the stored items every time by the pure functions of
`cxmap.model.evidence_stats` and the themes engine, so the map, the linter, the API and
the CLI read one set of numbers and nothing cached can go stale. Reading needs the viewer
role, placing an item the editor role; `actor` None is the local CLI (see
`services/evidence_import.py`).
"""

from __future__ import annotations

from uuid import UUID

from cxmap.analytics.themes import step_themes
from cxmap.model.errors import NotFoundError
from cxmap.model.evidence import EvidenceItem, StepEvidence
from cxmap.model.evidence_record import (
    DepartmentOverview,
    EvidencePage,
    EvidenceQuery,
    EvidenceSummary,
    ImportBatch,
)
from cxmap.model.evidence_stats import PainThresholds, summarise
from cxmap.model.journey import Journey
from cxmap.model.workspace import Role
from cxmap.services.access import require_role_or_local
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.store import Database, Journeys
from cxmap.store.evidence import Evidence
from cxmap.store.records import Clock, utc_now

#: Themes per step, and quotes per theme, in a summary.
THEMES = 5
QUOTES = 3


class EvidenceSummaries:
    def __init__(
        self,
        database: Database,
        clock: Clock = utc_now,
        events: JourneyEventSink | None = None,
        thresholds: PainThresholds | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.events = events or NoEvents()
        self.thresholds = thresholds or PainThresholds()

    def summary(self, actor: UUID | None, workspace_id: UUID, journey_id: UUID) -> EvidenceSummary:
        """Every step's evidence, the departments' view and the size of the queue."""
        with self.database.reading() as session:
            require_role_or_local(session, workspace_id, actor, Role.VIEWER)
            journey = Journeys(session, self.clock).get(workspace_id, journey_id).journey
            evidence = Evidence(session, self.clock)
            items = evidence.for_summary(workspace_id, journey_id)
            departments = evidence.departments(workspace_id, journey_id)
        steps = self.step_evidence(items, journey)
        return EvidenceSummary(
            journey_id=journey_id,
            items=len(items),
            unmapped=sum(1 for item in items if item.mapping.step is None),
            steps=steps,
            departments=departments,
        )

    def step_evidence(self, items: list[EvidenceItem], journey: Journey) -> dict[str, StepEvidence]:
        """`{step id: StepEvidence}` with themes: what `render/lint --evidence` read."""
        steps = summarise(items, journey, thresholds=self.thresholds)
        by_step: dict[str, list[EvidenceItem]] = {}
        for item in items:
            if item.mapping.step is not None:
                by_step.setdefault(item.mapping.step, []).append(item)
        themes = step_themes(by_step, top=THEMES, quotes=QUOTES)
        return {
            step: found.model_copy(update={"themes": themes.get(step, found.themes)})
            for step, found in steps.items()
        }

    def page(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID, query: EvidenceQuery
    ) -> EvidencePage:
        with self.database.reading() as session:
            require_role_or_local(session, workspace_id, actor, Role.VIEWER)
            return Evidence(session, self.clock).page(workspace_id, journey_id, query)

    def unmapped(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        limit: int = 50,
        offset: int = 0,
    ) -> EvidencePage:
        """Items waiting for a person to pick their step, oldest first, with a candidate."""
        query = EvidenceQuery(unmapped=True, limit=limit, offset=offset)
        return self.page(actor, workspace_id, journey_id, query)

    def departments(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID
    ) -> list[DepartmentOverview]:
        with self.database.reading() as session:
            require_role_or_local(session, workspace_id, actor, Role.VIEWER)
            return Evidence(session, self.clock).departments(workspace_id, journey_id)

    def batches(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID
    ) -> list[ImportBatch]:
        with self.database.reading() as session:
            require_role_or_local(session, workspace_id, actor, Role.VIEWER)
            return Evidence(session, self.clock).batches(workspace_id, journey_id)

    def assign(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        journey_id: UUID,
        item_id: UUID,
        step: str | None,
    ) -> EvidenceItem:
        """Place an item on `step` (None: back to the queue); recorded as a manual mapping."""
        with self.database.writing() as session:
            require_role_or_local(session, workspace_id, actor, Role.EDITOR)
            evidence = Evidence(session, self.clock)
            if evidence.get(workspace_id, item_id).journey_id != journey_id:
                raise NotFoundError(f"evidence item {item_id} not found")
            placed = evidence.assign(workspace_id, item_id, step, by=actor)
        self.events.publish(
            JourneyEvent("evidence.assigned", journey_id, None, actor, self.clock())
        )
        return placed
