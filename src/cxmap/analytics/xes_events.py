"""An XES log as the engine's event table: one row per event of a trace, in document order.

The activity is the event's `<prefix>:name` alone (the Concept prefix the file declares);
`lifecycle:transition` stays an attribute, so `start` and `complete` of one task are two
events of the same activity, as PM4Py reads them. Globals fill in attributes an event or
trace leaves out, except the case id, activity and time: a missing one of those is missing
data and is reported at its line, never replaced by a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from cxmap.analytics.event_log import EventLog, events_table, resolve_group_column
from cxmap.analytics.timestamps import TimestampError, parse_instant
from cxmap.analytics.xes_reader import Attributes, XesLog, XesTrace, read_xes
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.mining import ColumnMapping

MAX_PROBLEMS = 20


@dataclass(frozen=True)
class _Keys:
    case: str
    activity: str
    time: str


@dataclass(frozen=True)
class _Where:
    line: int
    trace: int
    event: int


def read_xes_events(path: Path, mapping: ColumnMapping, group: str | None = None) -> EventLog:
    """The events of an XES file; every missing or unreadable case, activity or time is
    reported (at most twenty, with a count of the rest)."""
    log = read_xes(path)
    keys = _Keys(
        mapping.case or log.activity_key,
        mapping.activity or log.activity_key,
        mapping.timestamp or log.timestamp_key,
    )
    group_column = _group_column(log, group, str(path))
    rows = _Rows(log, keys, group_column)
    for index, trace in enumerate(log.traces):
        rows.add_trace(index, trace)
    problems = rows.problems
    if len(problems) > MAX_PROBLEMS:
        extra = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem((), f"... and {extra} more problems")]
    if problems:
        raise InvalidInputError(problems, str(path))
    where = rows.where

    def locate(row: int, column: str, message: str) -> Problem:
        spot = where[row]
        return Problem(("trace", spot.trace, "event", spot.event, column), message, spot.line)

    group_values = pa.array(rows.groups, pa.string()) if group_column else None
    table = events_table(
        pa.array(rows.cases, pa.string()),
        pa.array(rows.activities, pa.string()),
        pa.array(rows.times, pa.int64()),
        group_values,
    )
    return EventLog(
        table,
        str(path),
        locate,
        case_column=keys.case,
        activity_column=keys.activity,
        group_column=group_column,
        warnings=[*rows.warnings, *_stray(log)],
    )


def _group_column(log: XesLog, group: str | None, source: str) -> str | None:
    if group is None:
        return None
    available = {key for t in log.traces for e in t.events for key in e.attributes}
    available |= {f"case:{key}" for t in log.traces for key in t.attributes}
    available |= set(log.global_defaults("event")) | {
        f"case:{key}" for key in log.global_defaults("trace")
    }
    column = resolve_group_column(group, sorted(available))
    if column is None:
        listed = ", ".join(sorted(available))
        problem = Problem((group,), f"--by: no attribute '{group}' (the log has: {listed})")
        raise InvalidInputError([problem], source)
    return column


def _stray(log: XesLog) -> list[Problem]:
    if not log.stray_events:
        return []
    count = len(log.stray_events)
    return [
        Problem(
            ("event",),
            f"{count} event(s) outside any trace belong to no case and are left out",
            log.stray_events[0].line,
        )
    ]


class _Rows:
    """Collects the columns, and the problems, trace by trace."""

    def __init__(self, log: XesLog, keys: _Keys, group_column: str | None) -> None:
        self.keys = keys
        self.group_column = group_column
        self.event_defaults = log.global_defaults("event")
        self.trace_defaults = log.global_defaults("trace")
        self.cases: list[str] = []
        self.activities: list[str] = []
        self.times: list[int] = []
        self.groups: list[str | None] = []
        self.where: list[_Where] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.first_line: dict[str, int] = {}
        self.zone: tuple[bool, int] | None = None

    def add_trace(self, index: int, trace: XesTrace) -> None:
        case_attribute = trace.attributes.get(self.keys.case)
        case = case_attribute.text if case_attribute else ""
        path = ("trace", index)
        if not trace.events:
            self.warnings.append(Problem(path, "trace has no events", trace.line))
            return
        if not case.strip():
            message = f"trace has no case id ('{self.keys.case}')"
            self.problems.append(Problem((*path, self.keys.case), message, trace.line))
        elif case in self.first_line:
            message = (
                f"case id '{case}' also names the trace at line {self.first_line[case]}; "
                "their events are mined as one case"
            )
            self.warnings.append(Problem((*path, self.keys.case), message, trace.line))
        else:
            self.first_line[case] = trace.line
        for number, event in enumerate(trace.events):
            self._add_event(case, index, number, event.line, event.attributes, trace)

    def _add_event(
        self,
        case: str,
        trace_index: int,
        number: int,
        line: int,
        attributes: Attributes,
        trace: XesTrace,
    ) -> None:
        path = ("trace", trace_index, "event", number)
        activity = attributes.get(self.keys.activity)
        if activity is None or not activity.text.strip():
            message = f"event has no activity ('{self.keys.activity}')"
            self.problems.append(Problem((*path, self.keys.activity), message, line))
        time = attributes.get(self.keys.time)
        micros = 0
        if time is None or not time.text.strip():
            message = f"event has no time ('{self.keys.time}')"
            self.problems.append(Problem((*path, self.keys.time), message, line))
        else:
            try:
                instant = parse_instant(time.text)
            except TimestampError as error:
                self.problems.append(Problem((*path, self.keys.time), str(error), line))
            else:
                micros = instant.micros
                self._check_zone(instant.has_zone, line, (*path, self.keys.time))
        self.cases.append(case)
        self.activities.append(activity.text if activity else "")
        self.times.append(micros)
        self.groups.append(self._group(attributes, trace))
        self.where.append(_Where(line, trace_index, number))

    def _check_zone(self, has_zone: bool, line: int, path: tuple[str | int, ...]) -> None:
        if self.zone is None:
            self.zone = (has_zone, line)
        elif self.zone[0] != has_zone:
            this, other = ("an offset", "has none") if has_zone else ("no offset", "has one")
            message = (
                f"mixed time zones: this time has {this} but the one at line {self.zone[1]} "
                f"{other}, so they cannot be ordered; give every time an offset"
            )
            self.problems.append(Problem(path, message, line))

    def _group(self, attributes: Attributes, trace: XesTrace) -> str | None:
        column = self.group_column
        if column is None:
            return None
        if column.startswith("case:") and column not in attributes:
            key = column.removeprefix("case:")
            found = trace.attributes.get(key) or self.trace_defaults.get(key)
        else:
            found = attributes.get(column) or self.event_defaults.get(column)
        return found.text if found else None
