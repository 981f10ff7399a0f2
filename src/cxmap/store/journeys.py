"""A workspace's journeys: create, read, update, delete (into a bin) and search.

Every call names the workspace; a journey of another workspace is not found, never shown
or changed. Every change goes through `journey_versions.save_version` and so is versioned,
checked against the version the writer saw, and kept in the history.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from cxmap.model.errors import NotFoundError
from cxmap.model.journey import Journey
from cxmap.model.journey_record import (
    JourneyPage,
    JourneyQuery,
    JourneySort,
    JourneySummary,
    RevisionAction,
    StoredJourney,
)
from cxmap.store.journey_versions import (
    Change,
    add_revision,
    any_row,
    journey_columns,
    live_row,
    replace_tags,
    require_free_slug,
    save_version,
    slug_taken,
    versioned_content,
)
from cxmap.store.records import Repository, stored_content, stored_journey, summary_record
from cxmap.store.rows import JourneyRow, JourneyTagRow


class Journeys(Repository):
    """Journeys of workspaces, as `StoredJourney` records."""

    def create(self, workspace_id: UUID, journey: Journey, *, by: UUID | None) -> StoredJourney:
        """Store a new journey as version 1; its `id` must be free in the workspace.

        The journey's own `version` and `updated_at` are ignored: the store sets them.
        """
        self.require_workspace(workspace_id)
        self.require_user(by)
        now = self.clock()
        content = versioned_content(journey, 1, now)
        require_free_slug(self.session, workspace_id, content["id"])
        row = JourneyRow(
            id=uuid4(),
            workspace_id=workspace_id,
            version=1,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
            deleted_at=None,
            deleted_by=None,
            **journey_columns(content),
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise slug_taken(content["id"]) from None
        change = Change(journey=journey, action=RevisionAction.CREATE, by=by, at=now)
        add_revision(self.session, row.id, change, 1, content, previous={})
        replace_tags(self.session, row.id, content["tags"])
        return stored_journey(row)

    def get(self, workspace_id: UUID, journey_id: UUID) -> StoredJourney:
        return stored_journey(live_row(self.session, workspace_id, journey_id))

    def get_any(self, workspace_id: UUID, journey_id: UUID) -> StoredJourney:
        """The journey even if it is in the bin (`deleted_at` says so)."""
        return stored_journey(any_row(self.session, workspace_id, journey_id))

    def get_by_slug(self, workspace_id: UUID, slug: str) -> StoredJourney:
        """The live journey whose own `id` is `slug`."""
        row = self.session.scalar(
            select(JourneyRow).where(
                JourneyRow.workspace_id == workspace_id,
                JourneyRow.slug == slug,
                JourneyRow.deleted_at.is_(None),
            )
        )
        if row is None:
            raise NotFoundError(f"journey '{slug}' not found")
        return stored_journey(row)

    def update(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        journey: Journey,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredJourney:
        """Replace the content; `ConflictError` if it is no longer at `expected_version`.

        Saving unchanged content (pushing the same file twice) records no new version.
        """
        self.require_user(by)
        row = live_row(self.session, workspace_id, journey_id)
        change = Change(journey=journey, action=RevisionAction.UPDATE, by=by, at=self.clock())
        return stored_journey(save_version(self.session, row, change, expected_version))

    def delete(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        by: UUID | None,
        expected_version: int | None = None,
    ) -> JourneySummary:
        """Move the journey to the bin: hidden from lists and reads, its history kept.

        With `expected_version`, a journey changed since the caller looked is not deleted.
        """
        self.require_user(by)
        row = live_row(self.session, workspace_id, journey_id)
        expected = row.version if expected_version is None else expected_version
        journey = stored_content(row.content, row.id, row.version)
        change = Change(journey, RevisionAction.DELETE, by, self.clock(), deleted=True)
        return summary_record(save_version(self.session, row, change, expected))

    def undelete(self, workspace_id: UUID, journey_id: UUID, *, by: UUID | None) -> StoredJourney:
        """Bring a journey back from the bin, as a new version."""
        self.require_user(by)
        row = any_row(self.session, workspace_id, journey_id)
        if row.deleted_at is None:
            return stored_journey(row)
        journey = stored_content(row.content, row.id, row.version)
        change = Change(journey, RevisionAction.UNDELETE, by, self.clock())
        return stored_journey(save_version(self.session, row, change, row.version))

    def search(self, workspace_id: UUID, query: JourneyQuery | None = None) -> JourneyPage:
        """One page of the workspace's journeys matching `query`, and the number matching."""
        query = query or JourneyQuery()
        conditions = _conditions(workspace_id, query)
        total = self.session.scalar(select(func.count()).select_from(JourneyRow).where(*conditions))
        rows = self.session.scalars(
            select(JourneyRow)
            .options(defer(JourneyRow.content), defer(JourneyRow.search_text))
            .where(*conditions)
            .order_by(*_ORDER[query.sort], JourneyRow.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        return JourneyPage(items=[summary_record(row) for row in rows], total=total or 0)


_ORDER: dict[JourneySort, tuple[Any, ...]] = {
    JourneySort.UPDATED: (JourneyRow.updated_at.desc(),),
    JourneySort.TITLE: (func.lower(JourneyRow.title),),
    JourneySort.SLUG: (JourneyRow.slug,),
}


def _conditions(workspace_id: UUID, query: JourneyQuery) -> list[ColumnElement[bool]]:
    deleted = (
        JourneyRow.deleted_at.is_not(None) if query.deleted else JourneyRow.deleted_at.is_(None)
    )
    conditions = [JourneyRow.workspace_id == workspace_id, deleted]
    if query.kind is not None:
        conditions.append(JourneyRow.kind == query.kind.value)
    if query.status is not None:
        conditions.append(JourneyRow.status == query.status.value)
    if query.owner is not None:
        conditions.append(JourneyRow.owner == query.owner)
    for tag in query.tags:
        tagged = select(JourneyTagRow.journey_id).where(JourneyTagRow.tag == tag.lower())
        conditions.append(JourneyRow.id.in_(tagged))
    for word in query.text.lower().split():
        conditions.append(JourneyRow.search_text.contains(word, autoescape=True))
    return conditions
