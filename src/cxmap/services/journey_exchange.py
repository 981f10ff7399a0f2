"""Journeys in and out of a workspace as text: YAML, JSON or a Mermaid `journey` diagram.

The same readers and writers as the files of `cxmap validate` and `cxmap export`, so an
imported body is checked exactly like a file (problems with line and column) and an export
reads back to the same journey.
"""

from __future__ import annotations

from uuid import UUID

from cxmap.ingest.journey_file import load_journey_text
from cxmap.ingest.mermaid import load_mermaid
from cxmap.model.journey import Journey
from cxmap.model.journey_record import StoredJourney
from cxmap.model.mermaid import mermaid_to_journey
from cxmap.render.mermaid import journey_to_mermaid_text
from cxmap.services.journey_files import journey_text
from cxmap.services.mermaid_exchange import ExportFormat
from cxmap.services.workspace_journeys import WorkspaceJourneys

#: The media type each format is served as.
MEDIA_TYPES = {
    ExportFormat.YAML: "application/yaml",
    ExportFormat.JSON: "application/json",
    ExportFormat.MERMAID: "text/vnd.mermaid",
}
_SOURCE = {
    ExportFormat.YAML: "body.yaml",
    ExportFormat.JSON: "body.json",
    ExportFormat.MERMAID: "body.mmd",
}


def read_journey_text(raw: bytes, fmt: ExportFormat) -> Journey:
    """A journey from text in `fmt`; every problem located (`body.yaml:3:5: path: ...`)."""
    if fmt is ExportFormat.MERMAID:
        return mermaid_to_journey(load_mermaid(raw, _SOURCE[fmt]))
    return load_journey_text(raw, _SOURCE[fmt])


def write_journey_text(journey: Journey, fmt: ExportFormat) -> str:
    if fmt is ExportFormat.MERMAID:
        return journey_to_mermaid_text(journey)
    return journey_text(journey, fmt.value)


class JourneyExchange:
    def __init__(self, journeys: WorkspaceJourneys) -> None:
        self.journeys = journeys

    def import_text(
        self, actor: UUID, workspace_id: UUID, raw: bytes, fmt: ExportFormat
    ) -> StoredJourney:
        """A new journey from a YAML, JSON or Mermaid text (its id must be free)."""
        journey = read_journey_text(raw, fmt)
        return self.journeys.create_journey(actor, workspace_id, journey)

    def export_text(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, fmt: ExportFormat
    ) -> tuple[StoredJourney, str]:
        stored = self.journeys.get(actor, workspace_id, journey_id)
        return stored, write_journey_text(stored.journey, fmt)
