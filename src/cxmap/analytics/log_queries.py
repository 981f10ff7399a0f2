"""The Ibis queries of a mining run, on DuckDB, PostgreSQL or Spark alike.

Input is the standard event table (`event_log.py`, integer case and activity codes) on a
backend. Events are put in order once (by time, ties by input position) and that table is
materialised; everything else is an aggregate of it. Only integers cross the backend
boundary where exactness matters: durations are summed as whole seconds plus leftover
microseconds (each sum far below 2**53) and divided here, so a mean is the same to the
last bit on every backend; medians of integer microseconds are exact halves. A case's path
is spelled as integers every backend can sum, count and group by (`PathSpelling`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from cxmap.analytics.backends import fetch_rows
from cxmap.analytics.event_log import ACTIVITY, CASE, GROUP, ROW, TS
from cxmap.model.journey_conformance import StepTimes
from cxmap.model.mining import DfgEdge, sorted_dfg

MICROS = 1_000_000
POS = "pos"
NEXT = "next_activity"
GAP = "gap_us"
CASE_GROUP = "case_grp"

Progress = Callable[[str], None]


rows = fetch_rows


def order_events(events: ir.Table, grouped: bool = False) -> ir.Table:
    """Each event with its position in its case, the next event's activity and the time
    until it (null for a case's last event); with `grouped`, also the group value of the
    case's first event.

    Only what later queries read is kept: this table is materialised, and writing it is a
    good part of the cost of ordering.
    """
    window = ibis.window(group_by=events[CASE], order_by=[events[TS], events[ROW]])
    columns: dict[str, ir.Value] = {
        POS: ibis.row_number().over(window),
        NEXT: events[ACTIVITY].lead().over(window),
        GAP: events[TS].lead().over(window) - events[TS],
    }
    if grouped:
        columns[CASE_GROUP] = events[GROUP].first().over(window)
    return events.select(CASE, ACTIVITY, ROW, **columns)


def duration_figures(duration: ir.IntegerValue) -> dict[str, ir.Value]:
    """Aggregates from which `mean_and_median` rebuilds exact figures."""
    return {
        "n_durations": duration.count(),
        "seconds": (duration // MICROS).sum(),
        "micros": (duration % MICROS).sum(),
        "median": duration.median(),
    }


def mean_and_median(row: dict[str, Any]) -> tuple[float | None, float | None]:
    count = row["n_durations"]
    if not count:
        return None, None
    total = int(row["seconds"]) * MICROS + int(row["micros"])
    return total / (count * MICROS), float(row["median"]) / MICROS


def _follows(ordered: ir.Table) -> ir.Table:
    return ordered.filter(ordered[NEXT].notnull())


def frequency_dfg(ordered: ir.Table, activities: list[str]) -> dict[tuple[str, str], int]:
    """Directly-follows counts alone (what PM4Py's `discover_dfg` gives)."""
    follows = _follows(ordered)
    counted = follows.group_by([ACTIVITY, NEXT]).aggregate(count=follows.count())
    return {(activities[r[ACTIVITY]], activities[r[NEXT]]): r["count"] for r in rows(counted)}


def performance_dfg(ordered: ir.Table, activities: list[str]) -> list[DfgEdge]:
    """Directly-follows counts with the mean and median time between the two events."""
    follows = _follows(ordered)
    duration = follows[GAP]
    grouped = follows.group_by([ACTIVITY, NEXT]).aggregate(
        count=follows.count(), **duration_figures(duration)
    )
    edges = []
    for row in rows(grouped):
        mean, median = mean_and_median(row)
        edges.append(
            DfgEdge(
                source=activities[row[ACTIVITY]],
                target=activities[row[NEXT]],
                count=row["count"],
                mean_seconds=mean or 0.0,
                median_seconds=median or 0.0,
            )
        )
    return sorted_dfg(edges)


@dataclass(frozen=True)
class PathRow:
    """One distinct path (in one group): its activity codes, how many cases took it, and
    its earliest case as (first row, case code)."""

    codes: tuple[int, ...]
    group: str | None
    count: int
    examples: tuple[tuple[int, Any], ...]


@dataclass(frozen=True)
class PathSpelling:
    """A case's path as integers, exact on every backend and cheap to group by.

    The first `packed` activities go into one int64, `bits` bits each (62 bits at most, so
    no sign or overflow trouble), summed per case; the case's length tells a trailing code
    0 from no activity at all. Activities past those, in long cases only, go into a sorted
    array of `position * size + code`, which stays empty (or null) for most cases: grouping
    by arrays costs several times more than grouping by integers.
    """

    size: int

    @property
    def bits(self) -> int:
        return max(1, (self.size - 1).bit_length())

    @property
    def packed(self) -> int:
        return 62 // self.bits

    def per_case(self, ordered: ir.Table) -> dict[str, ir.Value]:
        """The aggregates that spell each case's path (`head`, `length`, `rest`)."""
        position = ordered[POS].cast("int64")
        code = ordered[ACTIVITY].cast("int64")
        in_head = position < self.packed
        # The modulo keeps every shift in range even where the value is discarded.
        shift = ((position % self.packed) * self.bits).cast("int32")
        head = in_head.ifelse(code << shift, ibis.literal(0, "int64"))
        rest = (position * self.size + code).collect(where=~in_head).sort()
        return {"head": head.sum(), "length": ordered.count(), "rest": rest}

    def codes(self, head: int, length: int, rest: list[int] | None) -> tuple[int, ...]:
        """The activity codes of a path spelled by `per_case`, in order."""
        bits, packed, size = self.bits, int(head), self.size
        shifts = range(0, bits * min(length, self.packed), bits)
        mask = (1 << bits) - 1
        return (*[(packed >> shift) & mask for shift in shifts], *[k % size for k in rest or ()])


def case_paths(ordered: ir.Table, activities: int, grouped: bool = False) -> list[PathRow]:
    """Distinct paths with their case counts and earliest case each.

    A case's first row is unique, so the earliest case of a path is the one with the
    smallest first row (`argmin`), found in the same pass that counts the path's cases.
    """
    spelling = PathSpelling(max(activities, 1))
    figures = {**spelling.per_case(ordered), "first": ordered[ROW].min()}
    if grouped:
        figures["grp"] = ordered[CASE_GROUP].min()
    per_case = ordered.group_by(CASE).aggregate(**figures)
    within = ["head", "length", "rest", *(["grp"] if grouped else [])]
    counted = per_case.group_by(within).aggregate(
        count=per_case.count(),
        first=per_case["first"].min(),
        example=per_case[CASE].argmin(per_case["first"]),
    )
    found = []
    for row in rows(counted):
        codes = spelling.codes(row["head"], row["length"], row["rest"])
        example = ((row["first"], row["example"]),)
        found.append(PathRow(codes, row.get("grp"), row["count"], example))
    return found


def step_times(ordered: ir.Table, step_of: dict[int, str], grouped: bool = False) -> StepTimes:
    """Mean and median time from an event at each desired step to the case's next event,
    overall (group None) and per case group when `grouped`."""
    mapping = ibis.memtable(
        pa.table(
            {
                ACTIVITY: pa.array(list(step_of), pa.int32()),
                "step": pa.array(list(step_of.values()), pa.string()),
            }
        )
    )
    at_steps = ordered.filter(ordered[NEXT].notnull()).inner_join(mapping, ACTIVITY)
    duration = at_steps[GAP]
    keys = [["step"], *([["step", CASE_GROUP]] if grouped else [])]
    times: StepTimes = {}
    for key in keys:
        grouped_rows = at_steps.group_by(key).aggregate(**duration_figures(duration))
        for row in rows(grouped_rows):
            times[(row.get(CASE_GROUP), row["step"])] = mean_and_median(row)
    return times
