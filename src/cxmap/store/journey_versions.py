"""Writing a new version of a journey: the one path every change takes.

Create, update, delete, undelete and restore all end here, so each of them is checked
against the version the writer saw (optimistic concurrency), recorded as a revision with
its full content and a JSON Patch from the previous one, and never overwrites silently.
The version check is made by the UPDATE itself (`WHERE version = expected`), so two
writers racing past the first check still cannot both land.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from uuid import UUID

import jsonpatch
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cxmap.model.errors import AlreadyExistsError, ConflictError, NotFoundError
from cxmap.model.journey import Journey
from cxmap.model.journey_record import RevisionAction
from cxmap.model.validation import parse_journey
from cxmap.store.rows import JourneyRevisionRow, JourneyRow, JourneyTagRow


def versioned_content(journey: Journey, version: int, at: datetime) -> dict[str, Any]:
    """The document to store: validated in full, with the store's version and time in it.

    A `Journey` built in code skips the reference checks that files get, so it is checked
    again here; a dangling `next` is refused before anything is written.
    """
    data = journey.model_dump(mode="json")
    data["version"] = version
    data["updated_at"] = at.isoformat()
    return parse_journey(data).model_dump(mode="json")


def journey_columns(content: dict[str, Any]) -> dict[str, Any]:
    """The copies of content fields kept in columns for filtering, sorting and search."""
    return {
        "slug": content["id"],
        "title": content["title"],
        "kind": content["kind"],
        "status": content["status"],
        "owner": content["owner"],
        "tags": list(content["tags"]),
        "search_text": search_text(content),
        "content": content,
    }


def search_text(content: dict[str, Any]) -> str:
    """Lower-cased words a text search looks in (stored, so a search is one LIKE per word)."""
    parts = [content["title"], content["id"], content["description"], content["owner"]]
    parts += content["tags"]
    parts += [persona["name"] for persona in content["personas"]]
    for stage in content["stages"]:
        parts.append(stage["name"])
        parts += [step["name"] for step in stage["steps"]]
    return "\n".join(parts).lower()


def live_row(session: Session, workspace_id: UUID, journey_id: UUID) -> JourneyRow:
    """The journey if it is in this workspace and not deleted; else `NotFoundError`."""
    row = any_row(session, workspace_id, journey_id)
    if row.deleted_at is not None:
        raise journey_not_found(journey_id)
    return row


def any_row(session: Session, workspace_id: UUID, journey_id: UUID) -> JourneyRow:
    """The journey, deleted or not, if it belongs to this workspace.

    Another workspace's journey is reported exactly like a missing one, so an id guessed
    or copied across workspaces reveals nothing.
    """
    row = session.scalar(
        select(JourneyRow)
        .where(JourneyRow.id == journey_id, JourneyRow.workspace_id == workspace_id)
        .execution_options(populate_existing=True)
    )
    if row is None:
        raise journey_not_found(journey_id)
    return row


def journey_not_found(journey_id: object) -> NotFoundError:
    return NotFoundError(f"journey {journey_id} not found")


def require_free_slug(session: Session, workspace_id: UUID, slug: str) -> None:
    taken = session.scalar(
        select(JourneyRow.id).where(
            JourneyRow.workspace_id == workspace_id,
            JourneyRow.slug == slug,
            JourneyRow.deleted_at.is_(None),
        )
    )
    if taken is not None:
        raise slug_taken(slug)


def slug_taken(slug: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"a journey with id '{slug}' already exists in this workspace")


@dataclass(frozen=True)
class Change:
    """One new version: what it holds, why, by whom, when, and whether it is in the bin."""

    journey: Journey
    action: RevisionAction
    by: UUID | None
    at: datetime
    deleted: bool = False
    restored_from: int | None = None


def save_version(session: Session, row: JourneyRow, change: Change, expected: int) -> JourneyRow:
    """Write `change` as version `expected + 1` of `row`, or raise `ConflictError`."""
    if row.version != expected:
        raise conflict(row.id, expected, row.version)
    version = expected + 1
    content = versioned_content(change.journey, version, change.at)
    if change.action in _EDITS and _unstamped(content) == _unstamped(row.content):
        return row  # saving what is already there is no change: no new version
    was_deleted = row.deleted_at is not None
    if not change.deleted and (was_deleted or content["id"] != row.slug):
        require_free_slug(session, row.workspace_id, content["id"])
    values = {
        **journey_columns(content),
        "version": version,
        "updated_at": change.at,
        "updated_by": change.by,
        "deleted_at": change.at if change.deleted else None,
        "deleted_by": change.by if change.deleted else None,
    }
    statement = (
        update(JourneyRow)
        .where(
            JourneyRow.id == row.id,
            JourneyRow.version == expected,
            JourneyRow.deleted_at.is_not(None) if was_deleted else JourneyRow.deleted_at.is_(None),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    try:
        result = cast(CursorResult[Any], session.execute(statement))
    except IntegrityError:
        raise slug_taken(content["id"]) from None
    if result.rowcount != 1:
        raise _lost_race(session, row.id, expected)
    add_revision(session, row.id, change, version, content, previous=row.content)
    replace_tags(session, row.id, content["tags"])
    return any_row(session, row.workspace_id, row.id)


_EDITS = frozenset({RevisionAction.UPDATE, RevisionAction.RESTORE})


def _unstamped(content: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in content.items() if key not in {"version", "updated_at"}}


def _lost_race(session: Session, journey_id: UUID, expected: int) -> ConflictError:
    current = session.scalar(select(JourneyRow.version).where(JourneyRow.id == journey_id))
    return conflict(journey_id, expected, current or expected)


def conflict(journey_id: object, expected: int, current: int) -> ConflictError:
    message = (
        f"journey {journey_id} is at version {current}, not {expected}: "
        "someone else changed it; fetch it again and reapply your change"
    )
    return ConflictError(message, current_version=current)


def add_revision(
    session: Session,
    journey_id: UUID,
    change: Change,
    version: int,
    content: dict[str, Any],
    previous: dict[str, Any],
) -> None:
    session.execute(
        insert(JourneyRevisionRow).values(
            journey_id=journey_id,
            version=version,
            action=change.action.value,
            changed_by=change.by,
            changed_at=change.at,
            restored_from=change.restored_from,
            content=content,
            diff=jsonpatch.make_patch(previous, content).patch,
        )
    )


def replace_tags(session: Session, journey_id: UUID, tags: list[str]) -> None:
    session.execute(delete(JourneyTagRow).where(JourneyTagRow.journey_id == journey_id))
    unique = sorted({tag.lower() for tag in tags})
    if unique:
        session.execute(
            insert(JourneyTagRow), [{"journey_id": journey_id, "tag": tag} for tag in unique]
        )
