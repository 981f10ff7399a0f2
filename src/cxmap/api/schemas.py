"""Request and response bodies where the domain record is not the right shape.

Journeys and their parts travel as the journey format itself (`Journey`, `Stage`, `Step`
...), so a file and a request body are the same document. What is here is what only the
API needs: what a client may send to create or change something (never ids or times the
server sets), and public views that leave secrets out.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from cxmap.model.journey import Journey, LaneItem
from cxmap.model.journey_record import Comment, CommentAnchor, Revision
from cxmap.model.workspace import ApiToken, Role, User, WorkspaceSlug


class Body(BaseModel):
    """Base of request bodies: an unknown key is a mistake to report, not to drop."""

    model_config = ConfigDict(extra="forbid")


class SignUp(Body):
    email: str = Field(max_length=320, examples=["ana@example.com"])
    display_name: str = Field(min_length=1, max_length=200, examples=["Ana López"])
    password: str = Field(min_length=1, max_length=1024, description="10 characters or more.")


class LogIn(Body):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class SessionPublic(BaseModel):
    """A login: who, until when, and the token unsafe requests must repeat.

    Send `csrf_token` as the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE made
    with the session cookie (it is also set as the readable `cxmap_csrf` cookie).
    """

    user: User
    csrf_token: str
    expires_at: datetime


class TokenCreate(Body):
    name: str = Field(min_length=1, max_length=200, examples=["laptop CLI"])
    expires_at: AwareDatetime | None = Field(
        default=None, description="With a time zone; none: valid until revoked."
    )


class TokenCreated(BaseModel):
    """A new API token; `secret` is shown this once (send it as `Authorization: Bearer`)."""

    token: ApiToken
    secret: str


class WorkspaceCreate(Body):
    slug: WorkspaceSlug = Field(examples=["retail-cx"])
    name: str = Field(min_length=1, max_length=200, examples=["Retail CX"])


class WorkspacePublic(BaseModel):
    id: UUID
    slug: str
    name: str
    created_at: datetime
    role: Role = Field(description="Your role in this workspace.")


class MemberCreate(Body):
    email: str = Field(max_length=320, description="The email of an existing account.")
    role: Role = Role.VIEWER


class MemberUpdate(Body):
    role: Role


class JourneyVersionRef(Body):
    version: int = Field(
        ge=1, le=1_000_000_000, description="The version whose content becomes current again."
    )


class RevisionDetail(BaseModel):
    revision: Revision
    journey: Journey = Field(description="The journey exactly as it was at this version.")


class CommentCreate(Body):
    body: str = Field(min_length=1, max_length=20_000, examples=["@ana can we fix this?"])
    anchor: CommentAnchor | None = Field(
        default=None, description="The stage, step, insight or opportunity commented on."
    )


class CommentUpdate(Body):
    resolved: bool


class CommentPublic(BaseModel):
    comment: Comment
    author: User | None
    mentioned: list[User] = Field(description="Members the @mentions name.")
    unknown_mentions: list[str] = Field(description="@handles that name no member.")


class DeletedJourney(BaseModel):
    """What is left in view after a delete: the journey is in the bin at `version`."""

    id: UUID
    version: int
    deleted_at: datetime | None


class LaneItemList(BaseModel):
    lane: str
    items: list[LaneItem]
