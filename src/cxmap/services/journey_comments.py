"""Comments on a journey or one of its parts, with @mentions resolved to members.

Any member may read them; commenters and above may write and resolve; a comment is removed
by its author or by an editor or owner (moderating), and then only hidden, never erased.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.orm import Session

from cxmap.model.discussion import CommentView, resolve_mentions
from cxmap.model.errors import NotFoundError, PermissionDeniedError
from cxmap.model.journey_record import Comment, CommentAnchor
from cxmap.model.workspace import Role, User
from cxmap.services.access import require_role
from cxmap.services.journey_events import JourneyEvent, JourneyEventSink, NoEvents
from cxmap.store import Accounts, Comments, Database, Workspaces
from cxmap.store.records import Clock, utc_now


class JourneyComments:
    def __init__(
        self, database: Database, clock: Clock = utc_now, events: JourneyEventSink | None = None
    ) -> None:
        self.database = database
        self.clock = clock
        self.events = events or NoEvents()

    def _announce(self, kind: str, comment: Comment, by: UUID) -> None:
        """Tell the journey's watchers, after the transaction has committed."""
        event = JourneyEvent(kind, comment.journey_id, None, by, self.clock(), comment.id)
        self.events.publish(event)

    def add(
        self,
        actor: UUID,
        ids: tuple[UUID, UUID],
        body: str,
        anchor: CommentAnchor | None = None,
    ) -> CommentView:
        workspace_id, journey_id = ids
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.COMMENTER)
            comment = Comments(session, self.clock).add(
                workspace_id, journey_id, author=actor, body=body, anchor=anchor
            )
            view = _views(session, workspace_id, [comment])[0]
        self._announce("comment.added", comment, actor)
        return view

    def of_journey(
        self, actor: UUID, ids: tuple[UUID, UUID], anchor: CommentAnchor | None = None
    ) -> list[CommentView]:
        workspace_id, journey_id = ids
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            comments = Comments(session, self.clock).of_journey(
                workspace_id, journey_id, anchor=anchor
            )
            return _views(session, workspace_id, comments)

    def get(self, actor: UUID, workspace_id: UUID, comment_id: UUID) -> CommentView:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            comment = _live(Comments(session, self.clock), workspace_id, comment_id)
            return _views(session, workspace_id, [comment])[0]

    def resolve(
        self, actor: UUID, workspace_id: UUID, comment_id: UUID, *, resolved: bool
    ) -> CommentView:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.COMMENTER)
            comments = Comments(session, self.clock)
            _live(comments, workspace_id, comment_id)
            comment = comments.resolve(workspace_id, comment_id, resolved=resolved)
            view = _views(session, workspace_id, [comment])[0]
        self._announce("comment.resolved" if resolved else "comment.reopened", comment, actor)
        return view

    def delete(self, actor: UUID, workspace_id: UUID, comment_id: UUID) -> None:
        with self.database.writing() as session:
            role = require_role(session, workspace_id, actor, Role.COMMENTER)
            comments = Comments(session, self.clock)
            comment = _live(comments, workspace_id, comment_id)
            if comment.author_id != actor and not role.allows(Role.EDITOR):
                raise PermissionDeniedError(
                    "removing another member's comment needs the editor role (or higher)"
                )
            comments.delete(workspace_id, comment_id)
        self._announce("comment.deleted", comment, actor)


def _live(comments: Comments, workspace_id: UUID, comment_id: UUID) -> Comment:
    """A comment that has not been removed (a removed one is kept, but not shown)."""
    comment = comments.get(workspace_id, comment_id)
    if comment.deleted_at is not None:
        raise NotFoundError(f"comment {comment_id} not found")
    return comment


def _views(session: Session, workspace_id: UUID, comments: list[Comment]) -> list[CommentView]:
    """Comments with their authors and resolved mentions (two queries for any number)."""
    members = [member.user for member in Workspaces(session).members(workspace_id)]
    authors: dict[UUID, User] = Accounts(session).users(
        sorted({comment.author_id for comment in comments})
    )
    views = []
    for comment in comments:
        mentioned, unknown = resolve_mentions(comment.mentions, members)
        views.append(
            CommentView(
                comment=comment,
                author=authors.get(comment.author_id),
                mentioned=mentioned,
                unknown_mentions=unknown,
            )
        )
    return views
