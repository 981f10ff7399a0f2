"""Event times as integer microseconds since 1970 in UTC, whatever the log wrote.

Integers make ordering and durations exact and identical on every backend (DuckDB,
PostgreSQL, Spark), and comparing instants in UTC keeps events that straddle a
daylight-saving change in the right order. A log that mixes times with and without an
offset cannot be ordered at all (the naive ones are in an unknown zone), so that is an
error; a log whose times all lack an offset is read as UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PATTERN = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_ZONE = r"(Z|z|UTC|[+-]\d{2}(:?\d{2})?)\s*$"


@dataclass(frozen=True)
class Instant:
    micros: int
    has_zone: bool


class TimestampError(ValueError):
    """A text that is not a date and time this reader understands."""


def parse_instant(text: str) -> Instant:
    """`2024-03-01T10:15:00.123+01:00`, `2024/03/01 09:15:00`, `2024-03-01` ... -> UTC micros.

    Up to nine fractional digits are accepted; digits past the sixth are dropped.
    """
    match = _PATTERN.match(text)
    if match is None:
        raise TimestampError(f"'{text}' is not a date and time (e.g. 2024-03-01T09:15:00Z)")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=UTC,
        )
    except ValueError as error:
        raise TimestampError(f"'{text}' is not a valid date: {error}") from None
    offset = _offset(zone)
    micros = (moment - offset - EPOCH) // timedelta(microseconds=1)
    return Instant(micros, zone is not None)


def _offset(zone: str | None) -> timedelta:
    if zone is None or zone in ("Z", "z", "UTC"):
        return timedelta(0)
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    sign = -1 if zone[0] == "-" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


def micros_of(moment: datetime) -> int:
    """A Python datetime (naive means UTC) as UTC micros."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // timedelta(microseconds=1)


@dataclass(frozen=True)
class BadValue:
    """Where a column of times went wrong: the row (0-based) and why."""

    row: int
    message: str


def zone_mix(texts: pa.Array) -> BadValue | None:
    """The first row whose text disagrees with row 0 about having an offset, if any."""
    with_zone = pc.fill_null(pc.match_substring_regex(texts, _ZONE), False)
    if len(with_zone) == 0:
        return None
    first = with_zone[0].as_py()
    differs = pc.not_equal(with_zone, pa.scalar(first))
    index = pc.index(differs, pa.scalar(True)).as_py()
    if index < 0:
        return None
    this, other = ("no offset", "has one") if first else ("an offset", "has none")
    return BadValue(
        index,
        f"mixed time zones: this time has {this} but the log's first time {other}, so "
        "they cannot be ordered; give every time an offset (e.g. Z for UTC)",
    )


def text_to_micros(texts: pa.Array) -> pa.Array | BadValue:
    """A column of texts as int64 UTC micros, or the first value that cannot be read.

    Arrow's ISO 8601 parser does the bulk; only when it refuses does each value go through
    `parse_instant`, which also reads `2019/11/03 01:11:19.000` and names the bad row.
    """
    texts = pc.utf8_trim_whitespace(texts.cast(pa.string()))
    missing = pc.index(pc.is_null(texts), pa.scalar(True)).as_py()
    if missing >= 0:
        return BadValue(missing, "missing time")
    mix = zone_mix(texts)
    if mix is not None:
        return mix
    try:
        return _fast_path(texts)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _slow_path(texts)


def _fast_path(texts: pa.Array) -> pa.Array:
    aware = len(texts) > 0 and bool(pc.match_substring_regex(texts[0:1], _ZONE)[0].as_py())
    parsed = pc.cast(texts, pa.timestamp("ns", tz="UTC" if aware else None))
    micros = pc.cast(parsed, pa.timestamp("us", tz=parsed.type.tz), safe=False)
    return pc.cast(micros, pa.int64())


def _slow_path(texts: pa.Array) -> pa.Array | BadValue:
    values = []
    for row, text in enumerate(texts.to_pylist()):
        try:
            values.append(parse_instant(text).micros)
        except TimestampError as error:
            return BadValue(row, str(error))
    return pa.array(values, pa.int64())


def typed_to_micros(
    column: pa.Array | pa.ChunkedArray,
) -> pa.Array | pa.ChunkedArray | BadValue:
    """A column already typed as timestamps (Parquet, Arrow) as int64 UTC micros.

    Arrow keeps such times as UTC instants whatever zone the column names, so no zone
    arithmetic is needed: only the unit changes.
    """
    if column.null_count:
        missing = pc.index(pc.is_null(column), pa.scalar(True)).as_py()
        return BadValue(missing, "missing time")
    unit_type = pa.timestamp("us", tz=column.type.tz)
    return pc.cast(pc.cast(column, unit_type, safe=False), pa.int64())
