"""Experience data at a touchpoint: one survey answer, post, chat, document, picture or recording.

A reader (`cxmap.ingest.evidence_*`) turns a file into `EvidenceDraft`s and `RejectedRow`s;
the import service maps each draft to a step (`StepMapping`), scores its text (VADER
compound, -1..1), optionally redacts it, and stores it as an `EvidenceItem`. Per-step
aggregates (`StepEvidence`) are computed from stored items by pure functions, so the map, the
linter, the scores and the API all read one set of numbers.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from cxmap.model.journey import EvidenceKind

Nps = Annotated[int, Field(ge=0, le=10, description="Net Promoter answer, 0..10.")]
Csat = Annotated[int, Field(ge=1, le=5, description="Customer satisfaction, 1..5.")]
Ces = Annotated[int, Field(ge=1, le=7, description="Customer effort (7 = very easy), 1..7.")]
Sentiment = Annotated[float, Field(ge=-1, le=1, description="VADER compound score, -1..1.")]
Confidence = Annotated[float, Field(ge=0, le=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Ratings(Record):
    """The survey scores an item carries; a skipped question is None, never zero."""

    nps: Nps | None = None
    csat: Csat | None = None
    ces: Ces | None = None

    def is_empty(self) -> bool:
        return self.nps is None and self.csat is None and self.ces is None


class FileRef(Record):
    """A file that came with the evidence (a picture, a recording, the original document).

    Readers fill `path` (where the file is on disk now); the import service stores the bytes
    as an attachment and keeps its id and hash instead.
    """

    file_name: str
    content_type: str
    path: str | None = None
    attachment_id: UUID | None = None
    sha256: str | None = None


class EvidenceDraft(Record):
    """One item as a reader found it: not yet mapped to a step, scored or redacted."""

    kind: EvidenceKind
    text: str = Field(default="", description="The words: comment, post, transcript, document.")
    scored_text: str | None = Field(
        default=None,
        description="The part sentiment is computed on when not the whole text "
        "(a chat's customer turns); None means `text`.",
    )
    ratings: Ratings = Field(default_factory=Ratings)
    author: str = ""
    source: str = Field(default="", description="File name, URL or system it came from.")
    department: str = Field(default="", description="Who gathered it: marketing, support ...")
    channel: str = ""
    url: str = ""
    occurred_at: datetime | None = None
    touchpoint: str | None = Field(
        default=None, description="The step named by the data itself (an explicit column)."
    )
    external_id: str = Field(default="", description="The source's own id (respondent_id ...).")
    row: int = Field(default=0, description="Row, line or file number in the source, from 1.")
    files: list[FileRef] = Field(default_factory=list)

    @property
    def text_to_score(self) -> str:
        return self.text if self.scored_text is None else self.scored_text


class RejectedRow(Record):
    """A row a reader could not take, and why: written to the reject report."""

    row: int
    column: str | None = None
    reason: str
    raw: str = ""

    def describe(self, source: str | None = None) -> str:
        where = f"{source}:" if source else ""
        column = f" column {self.column!r}:" if self.column else ""
        return f"{where}row {self.row}:{column} {self.reason}"


class ReadResult(Record):
    """What a reader returns: the good items in source order and the rejected rows."""

    drafts: list[EvidenceDraft]
    rejected: list[RejectedRow]


class MappingMethod(StrEnum):
    COLUMN = "column"
    RULE = "rule"
    SIMILARITY = "similarity"
    MANUAL = "manual"
    UNMAPPED = "unmapped"


class StepMapping(Record):
    """Which step an item belongs to and how sure we are; `step` None = waits for review."""

    step: str | None
    method: MappingMethod
    confidence: Confidence
    candidate: str | None = Field(
        default=None, description="Best guess for an unmapped item, offered to the reviewer."
    )


class EvidenceItem(Record):
    """A stored item: the draft plus its mapping, sentiment and redaction."""

    id: UUID
    journey_id: UUID
    draft: EvidenceDraft
    mapping: StepMapping
    sentiment: Sentiment | None = None
    redacted: bool = False
    imported_at: datetime
    batch_id: UUID | None = Field(default=None, description="The import it arrived with.")


class Interval(Record):
    low: float
    high: float


class MeanWithInterval(Record):
    """A mean with its sample size and 95 % confidence interval (None below n = 2)."""

    n: int
    mean: float
    interval: Interval | None


class Theme(Record):
    """A key phrase recurring in a step's evidence, with quotes that link back to items."""

    phrase: str
    count: int
    quotes: list[Quote]


class Quote(Record):
    evidence_id: UUID
    text: str


class DepartmentShare(Record):
    department: str
    items: int
    kinds: dict[str, int]
    mean_sentiment: float | None


class PainReason(StrEnum):
    SENTIMENT = "sentiment"  # upper bound of the sentiment interval below zero
    NPS = "nps"
    CSAT = "csat"
    COMPLAINT_RISE = "complaint_rise"


class StepEvidence(Record):
    """Everything the evidence says about one step."""

    step: str
    items: int
    sentiment: MeanWithInterval | None
    nps: MeanWithInterval | None = Field(
        default=None, description="NPS as % promoters - % detractors (-100..100)."
    )
    csat: MeanWithInterval | None = Field(default=None, description="CSAT as % of 4-5 answers.")
    ces: MeanWithInterval | None = Field(default=None, description="Mean CES answer, 1..7.")
    emotion: MeanWithInterval | None = Field(
        default=None, description="Derived emotion on the map's -2..2 scale."
    )
    pain: list[PainReason] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    departments: list[DepartmentShare] = Field(default_factory=list)


Theme.model_rebuild()
