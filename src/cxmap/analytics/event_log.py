"""The one shape every reader hands to the engine: an Arrow table of events in input order.

Columns: `case_id` and `activity` (int32 codes for the names kept beside the table),
`ts_us` (int64 UTC microseconds), `row_nr` (the event's position in the input, which
breaks ties between equal timestamps) and, when a grouping was asked for, `grp`. Each
reader also says how to point at a row in its own terms (a CSV line, a Parquet row, an XES
event's line), so errors found later by the engine can still name where the problem sits
in the user's file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cxmap.model.errors import PathPart, Problem

CASE = "case_id"
ACTIVITY = "activity"
TS = "ts_us"
ROW = "row_nr"
GROUP = "grp"
NO_GROUP = "(none)"

#: (row_nr, column or attribute key, message) -> a problem located in the user's file.
Locator = Callable[[int, str, str], Problem]
#: A column in one piece or in chunks.
Column: TypeAlias = pa.Array | pa.ChunkedArray


@dataclass(frozen=True)
class EventLog:
    """Events ready for mining, plus what the reader noticed on the way."""

    encoded: EncodedEvents
    source: str
    locate: Locator = field(repr=False)
    case_column: str = CASE
    activity_column: str = ACTIVITY
    group_column: str | None = None
    warnings: list[Problem] = field(default_factory=list)


def row_locator(first_line: int | None) -> Locator:
    """Point at a row: as a file line when lines map to rows (CSV), else as `rows[i]`."""

    def locate(row: int, column: str, message: str) -> Problem:
        if first_line is None:
            path: tuple[PathPart, ...] = ("rows", row, column) if column else ("rows", row)
            return Problem(path, message)
        return Problem((column,) if column else (), message, line=first_line + row)

    return locate


@dataclass(frozen=True)
class EncodedEvents:
    """The standard table with case and activity as integer codes, and what they stand for.

    Integers make the backend's sorting, grouping and joining several times faster than
    text, and they compare the same on every backend (text sorts by each one's collation).
    """

    table: pa.Table
    activities: list[str]
    case_names: pa.Array


def events_table(
    case: Column,
    activity: Column,
    ts_us: Column,
    group: Column | None = None,
) -> EncodedEvents:
    """The standard table; `row_nr` numbers the rows in the order given.

    Columns may come in chunks (a Parquet file's row groups and pages) and stay that way:
    the backend reads chunks as they are, so nothing is copied into one piece first.
    """
    case_codes, case_names = _codes(case)
    activity_codes, activity_names = _codes(activity)
    columns = {
        CASE: case_codes.cast(pa.int32()),
        ACTIVITY: activity_codes.cast(pa.int32()),
        TS: ts_us.cast(pa.int64()),
        ROW: pa.array(np.arange(len(case), dtype=_row_type(len(case)))),
    }
    if group is not None:
        columns[GROUP] = pc.fill_null(group.cast(pa.string()), NO_GROUP)
    return EncodedEvents(pa.table(columns), activity_names.to_pylist(), case_names)


def _row_type(rows: int) -> type[np.signedinteger[Any]]:
    """32-bit row numbers while they fit: the backend's sort by time and row, the costliest
    step of a run, goes faster on narrower keys."""
    return np.int32 if rows < 2**31 else np.int64


def _codes(values: Column) -> tuple[Column, pa.Array]:
    """(integer code per row, text per code); a column read dictionary-encoded keeps its
    codes, renumbered only where its chunks' dictionaries differ."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    texts = all(
        pa.types.is_dictionary(chunk.type) and pa.types.is_string(chunk.type.value_type)
        for chunk in chunks
    )
    if not chunks or not texts:
        plain = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
        if pa.types.is_dictionary(plain.type):
            plain = plain.dictionary_decode()
        encoded = pc.dictionary_encode(plain.cast(pa.string()))
        return encoded.indices, encoded.dictionary
    return _unified_codes(chunks)


def _unified_codes(chunks: Sequence[pa.DictionaryArray]) -> tuple[Column, pa.Array]:
    """One numbering for chunks that each carry a dictionary.

    A Parquet reader hands every page of a row group the same dictionary, so the distinct
    dictionaries (told apart by their buffers) are few: only those are merged, by value,
    and each chunk's codes are translated through its dictionary's part of the merge.
    Arrow's `unify_dictionaries` would hash every chunk's copy of the dictionary again.
    """
    distinct: dict[tuple[int, ...], int] = {}
    dictionaries: list[pa.Array] = []
    for chunk in chunks:
        key = _identity(chunk.dictionary)
        if key not in distinct:
            distinct[key] = len(dictionaries)
            dictionaries.append(chunk.dictionary)
    merged = pc.dictionary_encode(pa.concat_arrays(dictionaries))
    names: pa.Array = merged.dictionary
    indices = [chunk.indices.cast(pa.int32()) for chunk in chunks]
    if len(dictionaries) == 1 and len(names) == len(dictionaries[0]):
        # One dictionary without repeats: merging numbered it as it was.
        return pa.chunked_array(indices, pa.int32()), names
    starts = np.cumsum([0, *(len(d) for d in dictionaries)])[:-1]
    parts = [
        merged.indices.slice(start, len(d)) for start, d in zip(starts, dictionaries, strict=True)
    ]
    codes = [
        pc.take(parts[distinct[_identity(chunk.dictionary)]], chunk_indices)
        for chunk, chunk_indices in zip(chunks, indices, strict=True)
    ]
    return pa.chunked_array(codes, pa.int32()), names


def _identity(dictionary: pa.Array) -> tuple[int, ...]:
    """Where a dictionary's data sits in memory: equal for chunks that share it."""
    buffers = (buffer.address if buffer is not None else 0 for buffer in dictionary.buffers())
    return (dictionary.offset, len(dictionary), *buffers)


def first_blank(codes: Column, names: pa.Array) -> tuple[int, int]:
    """(first row, how many rows) whose value is missing or blank; (-1, 0) when none is.

    Blank names are looked for among the distinct names only, and the rows only when some
    name is blank or a value is missing, which is what keeps this cheap on ten million
    rows.
    """
    blank_codes = pc.indices_nonzero(pc.equal(pc.utf8_trim_whitespace(names), ""))
    if codes.null_count == 0 and len(blank_codes) == 0:
        return -1, 0
    listed = pc.is_in(codes, value_set=blank_codes.cast(codes.type))
    blank = pc.or_(pc.is_null(codes), pc.fill_null(listed, False))
    count = pc.sum(blank).as_py() or 0
    if count == 0:
        return -1, 0
    return pc.index(blank, pa.scalar(True)).as_py(), count


def blank_problems(
    encoded: EncodedEvents, names: tuple[str, str], locate: Locator
) -> list[Problem]:
    """One problem for the case and one for the activity column if values are missing."""
    problems = []
    columns = (
        ("case id", names[0], encoded.table.column(CASE), encoded.case_names),
        (
            "activity",
            names[1],
            encoded.table.column(ACTIVITY),
            pa.array(encoded.activities, pa.string()),
        ),
    )
    for role, name, codes, values in columns:
        row, count = first_blank(codes, values)
        if count:
            more = f" ({count} rows in all)" if count > 1 else ""
            problems.append(locate(row, name, f"missing {role}{more}"))
    return problems


def resolve_group_column(wanted: str, available: Sequence[str]) -> str | None:
    """The column `--by` means: the name itself, XES's `case:` form, `customer_<name>`, or
    the one attribute with that name under some extension prefix (`cx:channel`)."""
    for candidate in (wanted, f"case:{wanted}", f"customer_{wanted}"):
        if candidate in available:
            return candidate
    prefixed = [name for name in available if name.endswith(f":{wanted}")]
    return prefixed[0] if len(prefixed) == 1 else None
