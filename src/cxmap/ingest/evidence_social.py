"""Social-listening posts (and complaints, reviews): CSV, TSV or XLSX rows, or JSON Lines.

The columns (or JSON keys) are named by the `ColumnMapping`; the defaults are `text`,
`author`, `time`, `channel` and `url`. A JSON key may be a dotted path into nested objects
(`user.screen_name`), as platform exports nest the author. Every post needs text: a post
without it, or a line that is not a JSON object, is rejected with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cxmap.ingest.evidence_jsonl import JSONL_SUFFIXES, json_lines
from cxmap.ingest.evidence_tables import CSV_SUFFIXES, XLSX_SUFFIXES, RowReader, read_table
from cxmap.ingest.evidence_text import Progress, read_text
from cxmap.ingest.evidence_values import Cell
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, ReadResult, RejectedRow
from cxmap.model.evidence_import import ColumnMapping, EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind

SOCIAL_SUFFIXES = CSV_SUFFIXES + XLSX_SUFFIXES + JSONL_SUFFIXES
_MISSING = object()


def read_social(path: Path, options: ReadOptions, progress: Progress | None = None) -> ReadResult:
    """One `social` draft per post; rows from 1 after a header, JSONL lines from 1."""
    suffix = path.suffix.lower()
    defaults = ColumnMapping.defaults_for(EvidenceSource.SOCIAL)
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(path, options, defaults, progress)
    if suffix in CSV_SUFFIXES + XLSX_SUFFIXES:
        return read_table(EvidenceKind.SOCIAL, path, options, defaults, progress)
    message = f"posts come as CSV, TSV, XLSX or JSON Lines (.jsonl), not '{suffix or path.name}'"
    raise InvalidInputError([Problem((), message)], options.source_name or path.name)


def _read_jsonl(
    path: Path, options: ReadOptions, defaults: ColumnMapping, progress: Progress | None
) -> ReadResult:
    source = options.source_name or path.name
    mapping = options.columns if options.columns is not None else defaults
    keys = mapping.mapped()
    if "text" not in keys:
        raise InvalidInputError([Problem(("text",), "no key is mapped to the text")], source)
    reader = RowReader(
        EvidenceKind.SOCIAL,
        list(keys.values()),
        {field: index for index, field in enumerate(keys)},
        options,
        source,
    )
    drafts: list[EvidenceDraft] = []
    rejected: list[RejectedRow] = []
    for number, line, value in json_lines(read_text(path, options.encoding, source), progress):
        if isinstance(value, RejectedRow):
            rejected.append(value)
            continue
        if not isinstance(value, dict):
            reason = f"a post is a JSON object, not {_json_type(value)}"
            rejected.append(RejectedRow(row=number, reason=reason, raw=line))
            continue
        result = reader.read(number, [_cell(value, key) for key in keys.values()], raw=line)
        if isinstance(result, RejectedRow):
            rejected.append(result)
        else:
            drafts.append(result)
    return ReadResult(drafts=drafts, rejected=rejected)


def _cell(record: dict[str, Any], key: str) -> Cell:
    value = record.get(key, _MISSING)
    if value is _MISSING:
        value = _nested(record, key.split("."))
    if value is None or isinstance(value, str | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


def _nested(record: dict[str, Any], parts: list[str]) -> Any:
    value: Any = record
    for part in parts:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return "null" if value is None else "a number or true/false"
