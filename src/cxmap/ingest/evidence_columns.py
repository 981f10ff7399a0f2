"""Which column of an evidence table holds what: the YAML mapping file and the header check.

A mapping file is one small YAML mapping from a field to the file's column name:

    text: narrative_normalised
    external_id: complaint_id
    touchpoint: issue

A mapping someone wrote names columns that must exist: a missing one is an error that names
it and suggests the closest header, and nothing is read. The built-in defaults
(`ColumnMapping.defaults_for`) are only a guess at a plain export, so they match headers
ignoring case, spaces and dashes, and a default column the file lacks is simply absent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from cxmap.ingest.journey_file import KEY, parse_yaml
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence_import import ColumnMapping

FIELDS = tuple(ColumnMapping.model_fields)
_SEPARATORS = re.compile(r"[\s\-]+")


def load_column_mapping(text: str, source_name: str) -> ColumnMapping:
    """A YAML mapping `field: column name` -> `ColumnMapping`; problems carry line numbers."""
    if not text.strip():
        message = "the mapping file is empty; write one `field: column` per line"
        raise InvalidInputError([Problem((), message, 1)], source_name)
    parsed = parse_yaml(text, source_name)
    if not isinstance(parsed.data, dict):
        message = "a column mapping is a YAML mapping such as `text: comment`"
        raise InvalidInputError([parsed.locate(Problem((), message))], source_name)
    problems: list[Problem] = []
    columns: dict[str, str | None] = {}
    for field, column in parsed.data.items():
        problem = _field_problem(field, column)
        if problem is None:
            columns[field] = column
            continue
        position = parsed.positions.get((field, KEY)) or parsed.positions.get((field,))
        problems.append(Problem((field,), problem, *(position or (None, None))))
    if problems:
        raise InvalidInputError(problems, source_name)
    return ColumnMapping.model_validate(columns)


def _field_problem(field: str, column: object) -> str | None:
    if field not in FIELDS:
        close = difflib.get_close_matches(field, FIELDS, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown field '{field}'; {hint}the fields are: {', '.join(FIELDS)}"
    if column is None:
        return None
    if not isinstance(column, str) or not column.strip():
        return "must be a column name (text); put it in quotes"
    return None


def _normalised(name: str) -> str:
    return _SEPARATORS.sub("_", name.strip().lower())


def resolve_columns(
    header: Sequence[str], mapping: ColumnMapping, strict: bool, source: str
) -> dict[str, int]:
    """Field -> index in `header` for every mapped column present.

    `strict`: every mapped column must be in the header (exactly, after trimming spaces);
    otherwise columns match ignoring case and separators and missing ones are left out.
    Problems are reported on line 1, the header.
    """
    names = [name.strip() for name in header]
    wanted = mapping.mapped()
    problems: list[Problem] = []
    found: dict[str, int] = {}
    for field, column in wanted.items():
        if strict:
            hits = [i for i, name in enumerate(names) if name == column.strip()]
        else:
            hits = [i for i, name in enumerate(names) if _normalised(name) == _normalised(column)]
        if len(hits) > 1:
            places = " and ".join(str(i + 1) for i in hits)
            message = f"column '{column}' appears more than once in the header (columns {places})"
            problems.append(Problem((field,), message, 1))
        elif hits:
            found[field] = hits[0]
        elif strict:
            problems.append(Problem((field,), _missing(column, names), 1))
    if problems:
        raise InvalidInputError(problems, source)
    return found


def _missing(column: str, names: list[str]) -> str:
    lowered = {name.lower(): name for name in names}
    close = difflib.get_close_matches(column.lower(), list(lowered), n=1, cutoff=0.5)
    hint = f"; did you mean '{lowered[close[0]]}'?" if close else ""
    listed = ", ".join(f"'{name}'" for name in names)
    return f"column '{column}' is not in the header{hint} (the header has: {listed})"
