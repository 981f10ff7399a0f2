"""One cell of an evidence file as a score, a time or text, or the reason it cannot be.

Cells come as text (CSV, JSON strings) or as typed values (XLSX numbers and dates, JSON
numbers), so every function takes both. A `ValueError` carries the reason a row is rejected.

Times: ISO 8601 with `Z` or an offset, `2024/03/01 10:15`, `01.03.2024`, RFC 2822 mail
dates and Twitter's `Wed Oct 10 20:19:24 +0000 2018`. `03/04/2024` is refused: it could be
3 April or 4 March, and guessing would silently misdate a whole file; when one of the two
numbers is over 12, or both are equal, the order is plain and the date is read. Times
without an offset are taken as UTC and every time is returned in UTC, so items from
different files compare.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime

Cell = str | int | float | datetime | date | time | bool | None

_SLASHED = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$",
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_YEAR_FIRST_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(.*)$")
_TWITTER = "%a %b %d %H:%M:%S %z %Y"
_SMALL_NUMBERS = {str(n): n for n in range(11)}


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as the text a person would read: `12.0` from a spreadsheet is `12`."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    return str(cell)


def parse_score(cell: Cell, low: int, high: int) -> int | None:
    """A whole number between `low` and `high`; a blank cell is a skipped question (None)."""
    if isinstance(cell, str):  # the common case, kept fast: `7` -> 7 by one lookup
        small = _SMALL_NUMBERS.get(cell)
        if small is not None and low <= small <= high:
            return small
    if is_blank(cell):
        return None
    if isinstance(cell, bool) or not isinstance(cell, str | int | float):
        raise ValueError(f"{cell_text(cell)!r} is not a number")
    number = _number(cell)
    if not number.is_integer():
        raise ValueError(f"{cell_text(cell)} is not a whole number")
    value = int(number)
    if not low <= value <= high:
        raise ValueError(f"{value} is not between {low} and {high}")
    return value


def _number(cell: str | int | float) -> float:
    if isinstance(cell, int):
        return float(cell)
    if isinstance(cell, float):
        if math.isnan(cell) or math.isinf(cell):
            raise ValueError(f"{cell} is not a number")
        return cell
    text = cell.strip()
    try:
        number = float(text.replace(",", ".") if text.count(",") == 1 else text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{text!r} is not a number")
    return number


def parse_time(cell: Cell) -> datetime | None:
    """An aware UTC datetime; blank is None; anything unreadable raises ValueError."""
    if is_blank(cell):
        return None
    if isinstance(cell, datetime):
        return _in_utc(cell)
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day, tzinfo=UTC)
    if not isinstance(cell, str):
        raise ValueError(f"{cell_text(cell)!r} is not a date and time")
    return _in_utc(_parse_time_text(cell.strip()))


def _in_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _parse_time_text(text: str) -> datetime:
    year_first = _YEAR_FIRST_SLASHED.match(text)
    if year_first:
        year, month, day, rest = year_first.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern, day_first in ((_DOTTED, True), (_SLASHED, None)):
        match = pattern.match(text)
        if match:
            return _day_month(text, match.groups(), day_first)
    for parse in (_twitter_time, parsedate_to_datetime):
        try:
            return parse(text)
        except (ValueError, TypeError, IndexError):
            continue
    raise ValueError(f"{text!r} is not a date and time (e.g. 2024-03-01T09:15:00Z)")


def _twitter_time(text: str) -> datetime:
    return datetime.strptime(text, _TWITTER)


def _day_month(text: str, groups: tuple[str | None, ...], day_first: bool | None) -> datetime:
    first, second, year, hour, minute, second_of_minute = groups
    a, b = int(first or 0), int(second or 0)
    if day_first is None:
        if a <= 12 and b <= 12 and a != b:
            raise ValueError(
                f"{text!r} is ambiguous (day/month or month/day?); write it as YYYY-MM-DD"
            )
        day_first = a > 12 or a == b
    day, month = (a, b) if day_first else (b, a)
    try:
        return datetime(
            int(year or 0),
            month,
            day,
            int(hour or 0),
            int(minute or 0),
            int(second_of_minute or 0),
        )
    except ValueError as error:
        raise ValueError(f"{text!r} is not a valid date: {error}") from None
