"""Comments on a journey or on one of its stages, steps, insights or opportunities.

A comment remembers the journey version its author was looking at, and its anchor must
exist in the current journey when it is written (later edits may remove the step; the
comment stays, pointing at what it was about). Mentions are parsed once, on writing.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from sqlalchemy import select

from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.journey import Journey
from cxmap.model.journey_record import AnchorKind, Comment, CommentAnchor
from cxmap.model.mentions import parse_mentions
from cxmap.model.references import suggestion
from cxmap.store.journey_versions import live_row
from cxmap.store.records import Repository, comment_record, stored_content
from cxmap.store.rows import CommentRow, JourneyRow

MAX_BODY = 20_000


class Comments(Repository):
    def add(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        author: UUID,
        body: str,
        anchor: CommentAnchor | None = None,
    ) -> Comment:
        self.require_user(author)
        text = body.strip()
        if not text or len(text) > MAX_BODY:
            message = f"must be between 1 and {MAX_BODY} characters"
            raise InvalidInputError([Problem(("body",), message)])
        row = live_row(self.session, workspace_id, journey_id)
        if anchor is not None:
            _check_anchor(stored_content(row.content, row.id, row.version), anchor)
        comment = CommentRow(
            id=uuid4(),
            journey_id=journey_id,
            journey_version=row.version,
            anchor_kind=anchor.kind.value if anchor else None,
            anchor_id=anchor.id if anchor else None,
            author_id=author,
            body=text,
            mentions=parse_mentions(text),
            created_at=self.clock(),
            resolved_at=None,
            deleted_at=None,
        )
        self.session.add(comment)
        self.session.flush()
        return comment_record(comment)

    def of_journey(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        *,
        anchor: CommentAnchor | None = None,
        include_deleted: bool = False,
    ) -> list[Comment]:
        """The journey's comments, oldest first; with `anchor`, only those on that item."""
        live_row(self.session, workspace_id, journey_id)
        statement = select(CommentRow).where(CommentRow.journey_id == journey_id)
        if anchor is not None:
            statement = statement.where(
                CommentRow.anchor_kind == anchor.kind.value, CommentRow.anchor_id == anchor.id
            )
        if not include_deleted:
            statement = statement.where(CommentRow.deleted_at.is_(None))
        rows = self.session.scalars(statement.order_by(CommentRow.created_at, CommentRow.id))
        return [comment_record(row) for row in rows]

    def get(self, workspace_id: UUID, comment_id: UUID) -> Comment:
        return comment_record(self._row(workspace_id, comment_id))

    def resolve(self, workspace_id: UUID, comment_id: UUID, *, resolved: bool = True) -> Comment:
        row = self._row(workspace_id, comment_id)
        if resolved and row.resolved_at is None:
            row.resolved_at = self.clock()
        elif not resolved:
            row.resolved_at = None
        self.session.flush()
        return comment_record(row)

    def delete(self, workspace_id: UUID, comment_id: UUID) -> Comment:
        """Hide the comment; it is kept (`include_deleted` lists it)."""
        row = self._row(workspace_id, comment_id)
        if row.deleted_at is None:
            row.deleted_at = self.clock()
            self.session.flush()
        return comment_record(row)

    def _row(self, workspace_id: UUID, comment_id: UUID) -> CommentRow:
        """The comment if it is on a live journey of this workspace, else `NotFoundError`."""
        row = self.session.scalar(
            select(CommentRow)
            .join(JourneyRow, JourneyRow.id == CommentRow.journey_id)
            .where(
                CommentRow.id == comment_id,
                JourneyRow.workspace_id == workspace_id,
                JourneyRow.deleted_at.is_(None),
            )
        )
        if row is None:
            raise NotFoundError(f"comment {comment_id} not found")
        return row


def _check_anchor(journey: Journey, anchor: CommentAnchor) -> None:
    known = {
        AnchorKind.STAGE: [stage.id for stage in journey.stages],
        AnchorKind.STEP: [step.id for step in journey.steps()],
        AnchorKind.INSIGHT: [insight.id for insight in journey.insights],
        AnchorKind.OPPORTUNITY: [item.id for item in journey.opportunities],
    }[anchor.kind]
    if anchor.id not in known:
        message = f"unknown {anchor.kind.value} '{anchor.id}'{suggestion(anchor.id, known)}"
        raise InvalidInputError([Problem(("anchor", "id"), message)])
