"""A workspace's personas: create, read, list with a search, update, delete.

Every call names the workspace; a persona of another workspace is not found, never shown
or changed. A persona's own id (its slug) is unique in the workspace, so journeys can refer
to it by name. Updates and deletes name the version the writer saw: a stale write is a
`ConflictError` carrying the current version, never a silent overwrite.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import AlreadyExistsError, ConflictError, NotFoundError
from cxmap.model.journey import Persona
from cxmap.model.persona_record import StoredPersona
from cxmap.store.records import Repository
from cxmap.store.rows import PersonaRow

#: At most this many personas in one list; a workspace has a handful, not thousands.
MAX_LIST = 500


class Personas(Repository):
    """Personas of workspaces, as `StoredPersona` records."""

    def create(self, workspace_id: UUID, persona: Persona, *, by: UUID | None) -> StoredPersona:
        """Store a new persona as version 1; its `id` must be free in the workspace."""
        self.require_workspace(workspace_id)
        self.require_user(by)
        if self._find(workspace_id, persona.id) is not None:
            raise slug_taken(persona.id)
        now = self.clock()
        row = PersonaRow(
            id=uuid4(),
            workspace_id=workspace_id,
            version=1,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
            **_columns(persona),
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:  # a concurrent create of the same id won the race
            raise slug_taken(persona.id) from None
        return stored_persona(row)

    def get(self, workspace_id: UUID, persona_id: UUID) -> StoredPersona:
        return stored_persona(self._row(workspace_id, persona_id))

    def search(self, workspace_id: UUID, text: str = "") -> list[StoredPersona]:
        """The workspace's personas by name; with `text`, those containing all its words."""
        statement = select(PersonaRow).where(PersonaRow.workspace_id == workspace_id)
        for word in text.lower().split():
            statement = statement.where(PersonaRow.search_text.contains(word, autoescape=True))
        rows = self.session.scalars(
            statement.order_by(func.lower(PersonaRow.name), PersonaRow.slug).limit(MAX_LIST)
        )
        return [stored_persona(row) for row in rows]

    def update(
        self,
        workspace_id: UUID,
        persona_id: UUID,
        persona: Persona,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredPersona:
        """Replace the content; `ConflictError` if it is no longer at `expected_version`.

        The version check is part of the UPDATE itself, so of two writers racing from the
        same version exactly one lands. Unchanged content records no new version.
        """
        self.require_user(by)
        row = self._row(workspace_id, persona_id)
        _check_version(row, expected_version)
        columns = _columns(persona)
        if columns["content"] == row.content:
            return stored_persona(row)
        other = self._find(workspace_id, persona.id)
        if other is not None and other.id != row.id:
            raise slug_taken(persona.id)
        changed = self.session.execute(
            update(PersonaRow)
            .where(PersonaRow.id == row.id, PersonaRow.version == expected_version)
            .values(version=expected_version + 1, updated_at=self.clock(), updated_by=by, **columns)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            self.session.expire(row)
            raise conflict(
                persona_id, expected_version, self._row(workspace_id, persona_id).version
            )
        self.session.refresh(row)
        return stored_persona(row)

    def delete(
        self, workspace_id: UUID, persona_id: UUID, *, expected_version: int, by: UUID | None
    ) -> StoredPersona:
        """Remove the persona if it is still at `expected_version`; answers what it was."""
        self.require_user(by)
        row = self._row(workspace_id, persona_id)
        _check_version(row, expected_version)
        gone = stored_persona(row)
        self.session.delete(row)
        self.session.flush()
        return gone

    def _find(self, workspace_id: UUID, slug: str) -> PersonaRow | None:
        return self.session.scalar(
            select(PersonaRow).where(
                PersonaRow.workspace_id == workspace_id, PersonaRow.slug == slug
            )
        )

    def _row(self, workspace_id: UUID, persona_id: UUID) -> PersonaRow:
        """The persona if it belongs to this workspace, else `NotFoundError` (no leak)."""
        row = self.session.scalar(
            select(PersonaRow).where(
                PersonaRow.id == persona_id, PersonaRow.workspace_id == workspace_id
            )
        )
        if row is None:
            raise NotFoundError(f"persona {persona_id} not found")
        return row


def _check_version(row: PersonaRow, expected: int) -> None:
    if row.version != expected:
        raise conflict(row.id, expected, row.version)


def _columns(persona: Persona) -> dict[str, Any]:
    """The row's columns for `persona`: its content whole, and what lists search and sort by."""
    content = persona.model_dump(mode="json")
    words = [persona.id, persona.name, persona.description, *persona.goals]
    words += [*persona.frustrations, persona.segment]
    return {
        "slug": persona.id,
        "name": persona.name,
        "search_text": "\n".join(words).lower(),
        "content": content,
    }


def stored_persona(row: PersonaRow) -> StoredPersona:
    return StoredPersona(
        id=row.id,
        workspace_id=row.workspace_id,
        slug=row.slug,
        version=row.version,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        persona=Persona.model_validate(row.content),
    )


def slug_taken(slug: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"a persona with id '{slug}' already exists in this workspace")


def conflict(persona_id: object, expected: int, current: int) -> ConflictError:
    message = (
        f"persona {persona_id} is at version {current}, not {expected}: "
        "someone else changed it; fetch it again and reapply your change"
    )
    return ConflictError(message, current_version=current)
