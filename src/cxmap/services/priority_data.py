"""What scores, priorities, suggested actions and key metrics are computed from, read in
one transaction: the journey, what the team entered, its evidence per step and its newest
event-log analysis.

Shared by `prioritisation`, `actions` and `kpis`, so the three read the same numbers. The
evidence per step is the evidence hub's own summary (`evidence_stats.summarise` with the
hub's thresholds), so a score, the map and the linter never disagree about a step.
`actor` None is the local CLI acting for whoever holds the data, as for evidence imports.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.orm import Session

from cxmap.model.evidence import StepEvidence
from cxmap.model.evidence_stats import summarise
from cxmap.model.journey import Journey
from cxmap.model.journey_record import StoredJourney
from cxmap.model.mining import MiningResult
from cxmap.model.priority_records import JourneyInputs
from cxmap.model.workspace import Role
from cxmap.services.access import require_role_or_local
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.store import Database, Journeys, MiningResults, ScoringStore
from cxmap.store.evidence import Evidence
from cxmap.store.journey_batches import JourneyBatch
from cxmap.store.records import Clock


def require(session: Session, workspace_id: UUID, actor: UUID | None, role: Role) -> None:
    """The caller's role in the workspace; the local CLI (None) may do everything."""
    require_role_or_local(session, workspace_id, actor, role)


@dataclass(frozen=True)
class JourneyData:
    stored: StoredJourney
    inputs: JourneyInputs
    evidence: dict[str, StepEvidence]
    mined: MiningResult | None


class JourneyCache:
    """Parsed journey documents by (id, version). A version's content never changes, so a
    document checked once serves every later ranking: the weight sliders ask for a what-if
    ranking of the whole workspace many times, and parsing 1,000 journeys takes seconds."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._documents: OrderedDict[tuple[UUID, int], Journey] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, journey_id: UUID, version: int) -> Journey | None:
        with self._lock:
            found = self._documents.get((journey_id, version))
            if found is not None:
                self._documents.move_to_end((journey_id, version))
            return found

    def keep(self, stored: StoredJourney) -> None:
        with self._lock:
            self._documents[(stored.id, stored.version)] = stored.journey
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)


class DataReader:
    """Reads `JourneyData` inside a caller's transaction."""

    def __init__(
        self,
        database: Database,
        session: Session,
        clock: Clock,
        cache: JourneyCache | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self.summaries = EvidenceSummaries(database, clock)
        self.cache = cache or JourneyCache(size=0)

    def journey(self, workspace_id: UUID, journey_id: UUID) -> JourneyData:
        stored = Journeys(self.session, self.clock).get(workspace_id, journey_id)
        inputs = ScoringStore(self.session, self.clock).inputs(workspace_id, journey_id).inputs
        latest = MiningResults(self.session, self.clock).latest(workspace_id, journey_id)
        return JourneyData(
            stored=stored,
            inputs=inputs,
            evidence=self.evidence(workspace_id, stored),
            mined=None if latest is None else latest.result,
        )

    def workspace(self, workspace_id: UUID) -> list[JourneyData]:
        """Every live journey of the workspace, by slug."""
        inputs = ScoringStore(self.session, self.clock).all_inputs(workspace_id)
        mined = MiningResults(self.session, self.clock).latest_per_journey(workspace_id)
        batch = JourneyBatch(self.session, self.clock)
        with_evidence = batch.with_evidence(workspace_id)
        found = []
        for stored in self._journeys(batch, workspace_id):
            evidence = self.evidence(workspace_id, stored) if stored.id in with_evidence else {}
            found.append(
                JourneyData(
                    stored=stored,
                    inputs=inputs.get(stored.id, JourneyInputs()),
                    evidence=evidence,
                    mined=mined.get(stored.id),
                )
            )
        return found

    def _journeys(self, batch: JourneyBatch, workspace_id: UUID) -> list[StoredJourney]:
        """The live journeys, parsed documents taken from the cache where it has them."""
        heads = batch.live_heads(workspace_id)
        cached = {head.id: self.cache.get(head.id, head.version) for head in heads}
        loaded = batch.documents(workspace_id, [i for i, doc in cached.items() if doc is None])
        for stored in loaded.values():
            self.cache.keep(stored)
        journeys = []
        for head in heads:
            document = cached[head.id]
            if document is not None:
                journeys.append(StoredJourney(**dict(head), journey=document))
            elif head.id in loaded:  # else deleted since the heads were read
                journeys.append(loaded[head.id])
        return journeys

    def evidence(self, workspace_id: UUID, stored: StoredJourney) -> dict[str, StepEvidence]:
        """The hub's per-step numbers without themes (nothing here reads them, and finding
        them is the slow part of a summary)."""
        items = Evidence(self.session, self.clock).of_journey(workspace_id, stored.id)
        if not items:
            return {}
        return summarise(items, stored.journey, thresholds=self.summaries.thresholds)
