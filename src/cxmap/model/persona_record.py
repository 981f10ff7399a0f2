"""A persona as a workspace keeps it: shared by the team's journeys, versioned, searchable.

The content is the journey format's own `Persona` (name, description, goals, frustrations
and the segment rule saying which customers it covers), so a persona moves between a
journey file and the workspace unchanged; these records add what only the store knows.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field

from cxmap.model.journey import Persona
from cxmap.model.workspace import Record


class StoredPersona(Record):
    """A workspace persona; `slug` is its own `Persona.id`, unique in the workspace."""

    id: UUID
    workspace_id: UUID
    slug: str = Field(description="The persona's own id (`Persona.id`), unique in the workspace.")
    version: int
    created_at: datetime
    created_by: UUID | None
    updated_at: datetime
    updated_by: UUID | None
    persona: Persona
