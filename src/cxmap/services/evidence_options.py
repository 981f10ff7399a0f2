"""Which column holds what, as people give it: `FIELD=HEADER` flags and a YAML mapping
file (`cxmap evidence import --column/--mapping`), or the same as form fields of the API.

Naming any column replaces the readers' guess of the usual headers, and every named column
must then be in the file; a flag that is not `FIELD=HEADER` or names an unknown field is an
error before anything is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cxmap.ingest.evidence_columns import load_column_mapping
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence_import import ColumnMapping
from cxmap.services.journey_files import read_bytes


def column_mapping(flags: Sequence[str], mapping_file: Path | None) -> ColumnMapping | None:
    """Columns from a YAML mapping file, with `FIELD=HEADER` flags on top; None when neither
    names a column (the reader then guesses the usual headers)."""
    if mapping_file is None:
        return column_mapping_text(flags, None)
    try:
        text = read_bytes(mapping_file).decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = Problem((), "a column mapping file must be UTF-8 text")
        raise InvalidInputError([problem], str(mapping_file)) from None
    return column_mapping_text(flags, text, str(mapping_file))


def column_mapping_text(
    flags: Sequence[str], mapping: str | None, source: str = "mapping"
) -> ColumnMapping | None:
    """As `column_mapping`, with the mapping file's text (the API receives it as a field)."""
    found: dict[str, str | None] = {}
    if mapping is not None and mapping.strip():
        found.update(load_column_mapping(mapping, source).mapped())
    problems = []
    for flag in flags:
        name, equals, header = (part.strip() for part in flag.partition("="))
        if not equals or not name or not header:
            problems.append(Problem(("columns",), f"'{flag}' is not FIELD=HEADER"))
        elif name not in ColumnMapping.model_fields:
            fields = ", ".join(ColumnMapping.model_fields)
            message = f"unknown field '{name}' in '{flag}'; the fields are: {fields}"
            problems.append(Problem(("columns",), message))
        else:
            found[name] = header
    if problems:
        raise InvalidInputError(problems)
    return ColumnMapping.model_validate(found) if found else None
