"""A workspace's personas as use cases: list and search, read, create, replace, patch and
delete, each checked against the caller's role (viewers read, editors write).

Bodies arrive as plain data and are validated whole as the journey format's `Persona`, so a
problem is named by its path (`goals[1]`) exactly as in a journey file. Every write names
the version the caller based it on; a stale one is refused with the current version.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from cxmap.model.journey_edits import merge_patch
from cxmap.model.persona_record import StoredPersona
from cxmap.model.validation import parse_persona
from cxmap.model.workspace import Role
from cxmap.services.access import require_role
from cxmap.store import Database
from cxmap.store.personas import Personas, conflict
from cxmap.store.records import Clock, utc_now


class WorkspacePersonas:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self.database = database
        self.clock = clock

    def search(self, actor: UUID, workspace_id: UUID, text: str = "") -> list[StoredPersona]:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Personas(session, self.clock).search(workspace_id, text)

    def get(self, actor: UUID, workspace_id: UUID, persona_id: UUID) -> StoredPersona:
        with self.database.reading() as session:
            require_role(session, workspace_id, actor, Role.VIEWER)
            return Personas(session, self.clock).get(workspace_id, persona_id)

    def create(self, actor: UUID, workspace_id: UUID, data: object) -> StoredPersona:
        """Store a new persona from a body; its `id` must be free in the workspace."""
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            persona = parse_persona(data)
            return Personas(session, self.clock).create(workspace_id, persona, by=actor)

    def replace(
        self, actor: UUID, workspace_id: UUID, persona_id: UUID, data: object, *, expected: int
    ) -> StoredPersona:
        """Replace the whole persona (PUT) if it is still at version `expected`."""
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            personas = Personas(session, self.clock)
            personas.get(workspace_id, persona_id)  # not found before invalid: no leak
            persona = parse_persona(data)
            return personas.update(
                workspace_id, persona_id, persona, expected_version=expected, by=actor
            )

    def patch(
        self,
        actor: UUID,
        workspace_id: UUID,
        persona_id: UUID,
        patch: dict[str, Any],
        *,
        expected: int,
    ) -> StoredPersona:
        """Apply an RFC 7396 merge patch (add a goal without resending the rest)."""
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            personas = Personas(session, self.clock)
            current = personas.get(workspace_id, persona_id)
            if current.version != expected:
                # Before the edit: a patch made on stale data may no longer even apply.
                raise conflict(persona_id, expected, current.version)
            document = current.persona.model_dump(mode="json")
            persona = parse_persona(merge_patch(document, patch))
            return personas.update(
                workspace_id, persona_id, persona, expected_version=expected, by=actor
            )

    def delete(
        self, actor: UUID, workspace_id: UUID, persona_id: UUID, *, expected: int
    ) -> StoredPersona:
        with self.database.writing() as session:
            require_role(session, workspace_id, actor, Role.EDITOR)
            return Personas(session, self.clock).delete(
                workspace_id, persona_id, expected_version=expected, by=actor
            )
