"""Rows turned into the model's records, the only shape data leaves the store in.

A journey's content is validated again on the way out: a row written by an older cxmap or
edited by hand must fail loudly, naming the journey, rather than hand out a document the
rest of cxmap cannot trust.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.orm import Session

from cxmap.model.errors import NotFoundError
from cxmap.model.journey import Journey, JourneyKind, JourneyStatus
from cxmap.model.journey_record import (
    AnchorKind,
    Comment,
    CommentAnchor,
    JourneySummary,
    Revision,
    RevisionAction,
    StoredJourney,
)
from cxmap.model.validation import parse_journey
from cxmap.model.workspace import ApiToken, Member, Role, User, Workspace
from cxmap.store.rows import (
    ApiTokenRow,
    CommentRow,
    JourneyRevisionRow,
    JourneyRow,
    MembershipRow,
    UserRow,
    WorkspaceRow,
)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Repository:
    """Base of the store's repositories: one session (one transaction) and a clock.

    The clock is injectable so tests can pin timestamps; every timestamp is taken from it,
    never from the database server, so SQLite and PostgreSQL agree to the microsecond.
    """

    def __init__(self, session: Session, clock: Clock = utc_now) -> None:
        self.session = session
        self.clock = clock

    def require_workspace(self, workspace_id: UUID) -> WorkspaceRow:
        row = self.session.get(WorkspaceRow, workspace_id)
        if row is None:
            raise NotFoundError(f"workspace {workspace_id} not found")
        return row

    def require_user(self, user_id: UUID | None) -> None:
        """A change is attributed to an existing account, or to nobody (`None`: cxmap itself)."""
        if user_id is not None and self.session.get(UserRow, user_id) is None:
            raise NotFoundError(f"user {user_id} not found")


def user_record(row: UserRow) -> User:
    return User(
        id=row.id, email=row.email, display_name=row.display_name, created_at=row.created_at
    )


def workspace_record(row: WorkspaceRow) -> Workspace:
    return Workspace(id=row.id, slug=row.slug, name=row.name, created_at=row.created_at)


def member_record(membership: MembershipRow, user: UserRow) -> Member:
    return Member(
        workspace_id=membership.workspace_id,
        user=user_record(user),
        role=Role(membership.role),
        added_at=membership.created_at,
    )


def token_record(row: ApiTokenRow) -> ApiToken:
    return ApiToken(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def summary_fields(row: JourneyRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "workspace_id": row.workspace_id,
        "slug": row.slug,
        "title": row.title,
        "kind": JourneyKind(row.kind),
        "status": JourneyStatus(row.status),
        "owner": row.owner,
        "tags": list(row.tags),
        "version": row.version,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "updated_at": row.updated_at,
        "updated_by": row.updated_by,
        "deleted_at": row.deleted_at,
    }


def summary_record(row: JourneyRow) -> JourneySummary:
    return JourneySummary(**summary_fields(row))


def stored_content(content: dict[str, Any], journey_id: object, version: int) -> Journey:
    """The journey in a stored document, checked like any input."""
    return parse_journey(content, source=f"stored journey {journey_id} version {version}")


def stored_journey(row: JourneyRow) -> StoredJourney:
    journey = stored_content(row.content, row.id, row.version)
    return StoredJourney(**summary_fields(row), journey=journey)


def revision_record(row: JourneyRevisionRow) -> Revision:
    return Revision(
        journey_id=row.journey_id,
        version=row.version,
        action=RevisionAction(row.action),
        changed_by=row.changed_by,
        changed_at=row.changed_at,
        diff=list(row.diff),
        restored_from=row.restored_from,
    )


def comment_record(row: CommentRow) -> Comment:
    anchor = None
    if row.anchor_kind is not None and row.anchor_id is not None:
        anchor = CommentAnchor(kind=AnchorKind(row.anchor_kind), id=row.anchor_id)
    return Comment(
        id=row.id,
        journey_id=row.journey_id,
        journey_version=row.journey_version,
        anchor=anchor,
        author_id=row.author_id,
        body=row.body,
        mentions=list(row.mentions),
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        deleted_at=row.deleted_at,
    )
