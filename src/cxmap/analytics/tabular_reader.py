"""CSV and Parquet event logs: one row per event, columns named by a `ColumnMapping`.

Arrow reads both in file order (so ties keep their input order) and only the columns the
analysis needs. Every problem names the column and the row: a CSV file's line (the header
is line 1), or a Parquet file's `rows[i]`.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from cxmap.analytics.event_log import (
    Column,
    EventLog,
    Locator,
    blank_problems,
    events_table,
    resolve_group_column,
    row_locator,
)
from cxmap.analytics.timestamps import BadValue, text_to_micros, typed_to_micros
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.mining import DEFAULT_ACTIVITY, DEFAULT_CASE, DEFAULT_TIMESTAMP, ColumnMapping

CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")


def read_csv(path: Path, mapping: ColumnMapping, group: str | None = None) -> EventLog:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    header = _csv_header(path, delimiter)
    names = _wanted_columns(header, mapping, group, str(path), line=1)
    try:
        table = pa_csv.read_csv(
            path,
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                include_columns=list(dict.fromkeys(names)),
                column_types={name: pa.string() for name in names},
            ),
        )
    except pa.ArrowInvalid as error:
        raise InvalidInputError(
            [Problem((), f"not a readable CSV file: {error}")], str(path)
        ) from None
    return _event_log(table, names, str(path), row_locator(first_line=2))


def _csv_header(path: Path, delimiter: str) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            header = next(csv.reader(stream, delimiter=delimiter), None)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotFoundError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InvalidInputError([Problem((), "not UTF-8 text", 1)], str(path)) from None
    if not header:
        raise InvalidInputError([Problem((), "empty log: no header and no events", 1)], str(path))
    return [name.strip() for name in header]


def read_parquet(path: Path, mapping: ColumnMapping, group: str | None = None) -> EventLog:
    try:
        schema = pq.read_schema(path)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidInputError([Problem((), f"not a Parquet file: {error}")], str(path)) from None
    names = _wanted_columns(schema.names, mapping, group, str(path), line=None)
    # Case and activity come dictionary-encoded (no string per row); `events_table` gives
    # them one numbering across row groups.
    texts = [n for n in names[:2] if pa.types.is_string(schema.field(n).type)]
    table = pq.read_table(path, columns=list(dict.fromkeys(names)), read_dictionary=texts)
    return _event_log(table, names, str(path), row_locator(first_line=None))


def _wanted_columns(
    available: Sequence[str],
    mapping: ColumnMapping,
    group: str | None,
    source: str,
    line: int | None,
) -> list[str]:
    """[case, activity, timestamp, group?] as named in the file, or an error naming the gap."""
    options = (
        ("case", mapping.case or DEFAULT_CASE),
        ("activity", mapping.activity or DEFAULT_ACTIVITY),
        ("timestamp", mapping.timestamp or DEFAULT_TIMESTAMP),
    )
    listed = ", ".join(available)
    problems = [
        Problem(
            (name,),
            f"no {role} column '{name}' (the log has: {listed}); name it with --{role}",
            line,
        )
        for role, name in options
        if name not in available
    ]
    names = [name for _, name in options]
    if group is not None:
        column = resolve_group_column(group, available)
        if column is None:
            problems.append(Problem((group,), f"--by: no column '{group}' (the log has: {listed})"))
        else:
            names.append(column)
    if problems:
        raise InvalidInputError(problems, source)
    return names


def _event_log(table: pa.Table, names: list[str], source: str, locate: Locator) -> EventLog:
    case_name, activity_name, time_name = names[:3]
    times = to_micros(table.column(time_name), time_name, locate)
    group = table.column(names[3]).combine_chunks() if len(names) > 3 else None
    encoded = events_table(
        table.column(case_name),
        table.column(activity_name),
        times if not isinstance(times, Problem) else pa.nulls(table.num_rows, pa.int64()),
        group,
    )
    problems = blank_problems(encoded, (case_name, activity_name), locate)
    if isinstance(times, Problem):
        problems.append(times)
    if problems:
        raise InvalidInputError(problems, source)
    return EventLog(
        encoded,
        source,
        locate,
        case_column=case_name,
        activity_column=activity_name,
        group_column=names[3] if len(names) > 3 else None,
    )


def to_micros(column: Column, name: str, locate: Locator) -> Column | Problem:
    """Any time column as UTC micros, or the located problem with it."""
    if pa.types.is_timestamp(column.type):
        result = typed_to_micros(column)
    elif pa.types.is_date(column.type):
        result = typed_to_micros(column.cast(pa.timestamp("us")))
    elif pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        whole = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        result = text_to_micros(whole)
    else:
        return locate(0, name, f"holds {column.type}, not dates and times")
    if isinstance(result, BadValue):
        return locate(result.row, name, result.message)
    return result
