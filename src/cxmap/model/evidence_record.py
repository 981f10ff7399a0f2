"""Evidence as a workspace keeps it: import batches, pages of items, the unmapped queue and
the per-step summary the API and the CLI hand out.

`cxmap.model.evidence` holds the items and aggregates themselves; these records add what
only a store knows (which import an item came with, who ran it, how many rows were
rejected) and the questions asked of it (a filtered page), so the API and the CLI speak
them without knowing about rows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field

from cxmap.model.evidence import EvidenceItem, Record, RejectedRow, StepEvidence
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.journey import EvidenceKind


class ImportChannel(StrEnum):
    """How an import arrived: through the API (by an account) or the local CLI (by nobody)."""

    API = "api"
    CLI = "cli"


class ImportStage(StrEnum):
    """The steps of an import, in order, as a progress display shows them."""

    READ = "read"
    MAP = "map"
    SENTIMENT = "sentiment"
    STORE = "store"


class ImportBatch(Record):
    """One import: what was read, by whom, and what became of its rows."""

    id: UUID
    workspace_id: UUID
    journey_id: UUID
    source: EvidenceSource
    file_name: str
    imported_by: UUID | None = Field(description="The account; None for the local CLI.")
    imported_via: ImportChannel
    imported_at: datetime
    imported: int = Field(description="Items stored.")
    rejected: int = Field(description="Rows refused (listed in the reject report).")
    unmapped: int = Field(description="Stored items waiting for a person to pick their step.")
    redactions: int = Field(description="Emails, phone and card numbers replaced.")
    options: dict[str, Any] = Field(description="The options the file was read with.")


class ImportReport(Record):
    """What an import tells its caller: the batch, every rejected row, and where time went."""

    batch: ImportBatch
    rejected_rows: list[RejectedRow]
    by_step: dict[str, int] = Field(description="Items stored per step (unmapped left out).")
    attachments: int = Field(description="Files kept as attachments of the items.")
    withheld_files: int = Field(
        default=0, description="Original documents not kept because their text was redacted."
    )
    reject_file: str | None = Field(default=None, description="Where the reject CSV went.")
    seconds: dict[ImportStage, float] = Field(
        default_factory=dict, description="Time taken by each stage."
    )


class EvidenceQuery(Record):
    """A filter over a journey's items; every filter given must match."""

    step: str | None = None
    kind: EvidenceKind | None = None
    department: str | None = None
    batch_id: UUID | None = None
    unmapped: bool = Field(default=False, description="Only items waiting for a step.")
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=1_000_000_000)


class EvidencePage(Record):
    """One page of items, oldest first, and how many match in all."""

    items: list[EvidenceItem]
    total: int


class DepartmentOverview(Record):
    """What one department contributed to a journey, across its steps."""

    department: str
    items: int
    kinds: dict[str, int]
    steps: dict[str, int] = Field(description="Items per step; unmapped ones are left out.")
    mean_sentiment: float | None


class EvidenceSummary(Record):
    """A journey's evidence at a glance: every step's numbers, departments, the queue."""

    journey_id: UUID
    items: int
    unmapped: int
    steps: dict[str, StepEvidence]
    departments: list[DepartmentOverview]


class Assignment(Record):
    """A person's decision about where an item belongs (the API body of PUT .../step)."""

    step: str | None = Field(description="The step's id; null puts it back in the queue.")
