"""A journey as a workspace keeps it: versioned, attributed, searchable and commented.

The `Journey` document stays the one schema of the content; these records add what only a
shared store knows (who changed it and when, which version it is, its history, comments)
and the questions asked of it (a search with filters), so the API and the CLI speak them
without knowing about rows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field

from cxmap.model.journey import Identifier, Journey, JourneyKind, JourneyStatus
from cxmap.model.workspace import Record


class RevisionAction(StrEnum):
    """Why a revision was recorded."""

    CREATE = "create"
    UPDATE = "update"
    RESTORE = "restore"
    DELETE = "delete"
    UNDELETE = "undelete"


class JourneySummary(Record):
    """What a list of journeys shows, without the (possibly large) content."""

    id: UUID
    workspace_id: UUID
    slug: str = Field(description="The journey's own id (`Journey.id`), unique in the workspace.")
    title: str
    kind: JourneyKind
    status: JourneyStatus
    owner: str
    tags: list[str]
    version: int
    created_at: datetime
    created_by: UUID | None
    updated_at: datetime
    updated_by: UUID | None
    deleted_at: datetime | None = None


class StoredJourney(JourneySummary):
    """A journey with its content; `journey.version` and `journey.updated_at` match the row."""

    journey: Journey


class Revision(Record):
    """One entry of a journey's history: who changed what, when, as a JSON Patch.

    `diff` turns the previous revision's content into this one's (RFC 6902); the first
    revision's diff starts from an empty object.
    """

    journey_id: UUID
    version: int
    action: RevisionAction
    changed_by: UUID | None
    changed_at: datetime
    diff: list[dict[str, Any]]
    restored_from: int | None = None


class JourneySort(StrEnum):
    UPDATED = "updated"
    TITLE = "title"
    SLUG = "slug"


class JourneyQuery(Record):
    """A search over a workspace's journeys; every filter given must match.

    `text` matches words in the title, id, description, owner, tags, personas, stages and
    steps (each word must appear, case-insensitively). `deleted=True` lists the bin.
    """

    text: str = ""
    kind: JourneyKind | None = None
    status: JourneyStatus | None = None
    owner: str | None = None
    tags: list[str] = Field(default_factory=list, description="Journeys having all these tags.")
    deleted: bool = False
    sort: JourneySort = JourneySort.UPDATED
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


class JourneyPage(Record):
    """One page of a search and how many journeys match in all."""

    items: list[JourneySummary]
    total: int


class AnchorKind(StrEnum):
    """What in a journey a comment may point at."""

    STAGE = "stage"
    STEP = "step"
    INSIGHT = "insight"
    OPPORTUNITY = "opportunity"


class CommentAnchor(Record):
    kind: AnchorKind = AnchorKind.STEP
    id: Identifier


class Comment(Record):
    """A remark on a journey, or on one stage, step, insight or opportunity of it."""

    id: UUID
    journey_id: UUID
    journey_version: int = Field(description="The version the author was looking at.")
    anchor: CommentAnchor | None
    author_id: UUID
    body: str
    mentions: list[str]
    created_at: datetime
    resolved_at: datetime | None = None
    deleted_at: datetime | None = None
