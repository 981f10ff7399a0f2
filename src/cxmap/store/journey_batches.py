"""Every live journey of a workspace at once, for ranking them: their heads (id, version,
title) without content, the documents of the ones asked for, and which have evidence.

Ranking a workspace reads all its journeys; parsing 1,000 documents of 50 steps takes
seconds, so a caller can keep parsed documents by (id, version) — a version's content
never changes — and ask here only for those it has not seen.
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import defer

from cxmap.model.journey_record import JourneySummary, StoredJourney
from cxmap.store.records import Repository, stored_journey, summary_record
from cxmap.store.rows import EvidenceRow, JourneyRow

#: The most journeys one workspace ranks in one go.
MAX_JOURNEYS = 5_000


class JourneyBatch(Repository):
    def live_heads(self, workspace_id: UUID) -> list[JourneySummary]:
        """The workspace's journeys not in the bin, by slug, without their content."""
        self.require_workspace(workspace_id)
        rows = self.session.scalars(
            select(JourneyRow)
            .options(defer(JourneyRow.content), defer(JourneyRow.search_text))
            .where(JourneyRow.workspace_id == workspace_id, JourneyRow.deleted_at.is_(None))
            .order_by(JourneyRow.slug)
            .limit(MAX_JOURNEYS)
        )
        return [summary_record(row) for row in rows]

    def documents(self, workspace_id: UUID, ids: Collection[UUID]) -> dict[UUID, StoredJourney]:
        """The live journeys `ids` of the workspace with their content, checked."""
        if not ids:
            return {}
        rows = self.session.scalars(
            select(JourneyRow).where(
                JourneyRow.workspace_id == workspace_id,
                JourneyRow.deleted_at.is_(None),
                JourneyRow.id.in_(list(ids)),
            )
        )
        return {row.id: stored_journey(row) for row in rows}

    def with_evidence(self, workspace_id: UUID) -> set[UUID]:
        """The journeys of the workspace that have at least one evidence item."""
        has_items = select(EvidenceRow.id).where(EvidenceRow.journey_id == JourneyRow.id).exists()
        found = self.session.scalars(
            select(JourneyRow.id).where(JourneyRow.workspace_id == workspace_id, has_items)
        )
        return set(found)
