"""What an evidence import is told: the kind of source, which column holds what, and options.

The readers in `cxmap.ingest.evidence_*` take these; the CLI builds them from flags or a
small YAML mapping file (`cxmap.ingest.evidence_columns.load_column_mapping`), the API from
the request. Pure types, no I/O.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from cxmap.model.evidence import Record


class EvidenceSource(StrEnum):
    """The families of files a reader understands; each reads into one or two evidence kinds."""

    SURVEY = "survey"
    SOCIAL = "social"
    CHAT = "chat"
    DOCUMENT = "document"
    MEDIA = "media"


class ColumnMapping(Record):
    """Which source column (or JSON key) holds what; None means the source has no such column.

    Only the tabular readers (surveys, social posts) use it; chats, documents and media have
    fixed formats.
    """

    text: str | None = None
    nps: str | None = None
    csat: str | None = None
    ces: str | None = None
    author: str | None = None
    occurred_at: str | None = None
    touchpoint: str | None = None
    department: str | None = None
    channel: str | None = None
    url: str | None = None
    external_id: str | None = None

    @classmethod
    def defaults_for(cls, source: EvidenceSource) -> ColumnMapping:
        """The column names a plain export of that kind uses (the shared survey file's header
        for surveys; author/time/text/channel/url for social posts)."""
        if source is EvidenceSource.SURVEY:
            return cls(
                text="comment",
                nps="nps",
                csat="csat",
                ces="ces",
                occurred_at="submitted_at",
                touchpoint="touchpoint",
                external_id="respondent_id",
            )
        if source is EvidenceSource.SOCIAL:
            return cls(
                text="text", author="author", occurred_at="time", channel="channel", url="url"
            )
        return cls()

    def mapped(self) -> dict[str, str]:
        """Field name -> column name for every column that is set, in field order."""
        return {name: column for name, column in self.model_dump().items() if column is not None}


class ReadOptions(Record):
    """How to read one evidence file."""

    columns: ColumnMapping | None = Field(
        default=None, description="None: ColumnMapping.defaults_for(source)."
    )
    department: str = Field(
        default="", description="Department for every item; a department column wins."
    )
    source_name: str = Field(
        default="", description="Recorded as each item's source; default the file name."
    )
    encoding: str = Field(default="utf-8", description="Text encoding; utf-8 also reads a BOM.")
    transcript: str | None = Field(
        default=None, description="Path of a VTT, SRT or txt transcript for an audio file."
    )
    sheet: str | None = Field(default=None, description="XLSX sheet; default the first.")
