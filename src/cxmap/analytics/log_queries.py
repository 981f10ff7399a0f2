"""The Ibis queries of a mining run, on DuckDB, PostgreSQL or Spark alike.

Input is the standard event table (`event_log.py`, integer case and activity codes) on a
backend. Events are put in order once (by time, ties by input position) and that table is
materialised; everything else is an aggregate of it. Only integers cross the backend
boundary where exactness matters: durations are summed as whole seconds plus leftover
microseconds (each sum far below 2**53) and divided here, so a mean is the same to the
last bit on every backend; medians of integer microseconds are exact halves. A case's path
is spelled as a sorted array of `position * K + activity code`, an ordered aggregation that
every backend can do.
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
NEXT_TS = "next_ts"
CASE_GROUP = "case_grp"

Progress = Callable[[str], None]


rows = fetch_rows


def order_events(events: ir.Table, grouped: bool = False) -> ir.Table:
    """Each event with its position in its case and the next event's activity and time;
    with `grouped`, also the group value of the case's first event."""
    window = ibis.window(group_by=events[CASE], order_by=[events[TS], events[ROW]])
    columns: dict[str, ir.Value] = {
        POS: ibis.row_number().over(window),
        NEXT: events[ACTIVITY].lead().over(window),
        NEXT_TS: events[TS].lead().over(window),
    }
    if grouped:
        columns[CASE_GROUP] = events[GROUP].first().over(window)
    return events.mutate(**columns)


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
    duration = follows[NEXT_TS] - follows[TS]
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


def case_paths(ordered: ir.Table, activities: int, grouped: bool = False) -> list[PathRow]:
    """Distinct paths with their case counts and earliest case each.

    A case's first row is unique, so the earliest case of a path is found by joining its
    smallest first row back, not by ranking cases within every path.
    """
    size = max(activities, 1)
    key = ordered[POS].cast("int64") * size + ordered[ACTIVITY].cast("int64")
    keyed = ordered.mutate(key=key)
    figures: dict[str, ir.Value] = {
        "path": keyed["key"].collect().sort(),
        "first": keyed[ROW].min(),
    }
    if grouped:
        figures["grp"] = keyed[CASE_GROUP].min()
    per_case = keyed.group_by(CASE).aggregate(**figures)
    within = ["path", *(["grp"] if grouped else [])]
    counted = per_case.group_by(within).aggregate(
        count=per_case.count(), first=per_case["first"].min()
    )
    named = counted.inner_join(per_case.select("first", CASE), "first")
    found = []
    for row in rows(named):
        codes = tuple(k % size for k in row["path"])
        example = ((row["first"], row[CASE]),)
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
    duration = at_steps[NEXT_TS] - at_steps[TS]
    keys = [["step"], *([["step", CASE_GROUP]] if grouped else [])]
    times: StepTimes = {}
    for key in keys:
        grouped_rows = at_steps.group_by(key).aggregate(**duration_figures(duration))
        for row in rows(grouped_rows):
            times[(row.get(CASE_GROUP), row["step"])] = mean_and_median(row)
    return times
