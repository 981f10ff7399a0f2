"""Survey exports (CSV, TSV or XLSX): NPS 0-10, CSAT 1-5, CES 1-7 and a free-text comment.

A blank score is a skipped question (None, never zero); a score that is not a whole number in
its range rejects the row (`row 12: column 'nps': 11 is not between 0 and 10`). A row needs a
comment or at least one score. Comments are kept exactly as written: a placeholder such as
`n/a` or `-` stays text (VADER scores it neutral); deciding that it "means nothing" would be
a guess about someone's words, and an empty comment is already empty text.
"""

from __future__ import annotations

from pathlib import Path

from cxmap.ingest.evidence_tables import CSV_SUFFIXES, XLSX_SUFFIXES, read_table
from cxmap.ingest.evidence_text import Progress
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import ColumnMapping, EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind

SURVEY_SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES


def read_survey(path: Path, options: ReadOptions, progress: Progress | None = None) -> ReadResult:
    """One `survey` draft per answered row; see `evidence_tables` for row numbers."""
    if path.suffix.lower() not in SURVEY_SUFFIXES:
        message = f"a survey is a CSV, TSV or XLSX file, not '{path.suffix or path.name}'"
        raise InvalidInputError([Problem((), message)], options.source_name or path.name)
    defaults = ColumnMapping.defaults_for(EvidenceSource.SURVEY)
    return read_table(EvidenceKind.SURVEY, path, options, defaults, progress)
