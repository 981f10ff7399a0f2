"""One mining run: the one Ibis code path behind every result, whatever the backend.

Events are put in order once (by time, ties by input position) and materialised on the
backend; from that table come the directly-follows graph with its times, the distinct
paths with their counts and earliest cases, and the time spent at each desired step
(`log_queries`). Everything else (start and end activities, variants, funnel,
conformance) follows from the paths by pure counting in `model`. Progress is reported by
stage name for a display to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from cxmap.analytics.event_log import ACTIVITY, ROW
from cxmap.analytics.log_queries import (
    PathRow,
    Progress,
    case_paths,
    order_events,
    performance_dfg,
    rows,
    step_times,
)
from cxmap.model.desired_journey import DesiredJourney, map_activities
from cxmap.model.journey_conformance import JourneyCheck, conformance, funnel
from cxmap.model.mining import MiningResult, ObservedPath, PathSummary, summarise_paths


def _quiet(stage: str) -> None:
    """No progress display."""


@dataclass(frozen=True)
class Unmapped:
    """An activity that matches no step: how many events, and the first one's row."""

    events: int
    first_row: int


@dataclass(frozen=True)
class MiningRun:
    """A result plus what the service turns into located warnings."""

    result: MiningResult
    summary: PathSummary
    unmapped: dict[str, Unmapped]


def observed_paths(
    found: list[PathRow], activities: list[str], case_label: Callable[[Any], str]
) -> list[ObservedPath]:
    name = activities.__getitem__
    return [
        ObservedPath(
            activities=tuple(map(name, row.codes)),
            count=row.count,
            examples=tuple((first, case_label(case)) for first, case in row.examples),
            group=row.group,
        )
        for row in found
    ]


def mine(
    events: ir.Table,
    activities: list[str],
    journey: DesiredJourney | None = None,
    by: str | None = None,
    progress: Progress = _quiet,
    case_label: Callable[[Any], str] = str,
) -> MiningRun:
    """All results for one log. `activities` names the activity codes; with `by` (the
    grouping's name) `events` has a `grp` column and the funnel is split by its values."""
    grouped = by is not None
    step_of = map_activities(journey, activities) if journey else {}
    codes = {activities.index(a): step for a, step in step_of.items()}
    progress("ordering events")
    with order_events(events, grouped).cache() as ordered:
        progress("directly-follows graph")
        dfg = performance_dfg(ordered, activities)
        progress("variants")
        paths = observed_paths(
            case_paths(ordered, len(activities), grouped), activities, case_label
        )
        times = {}
        unmapped: dict[str, Unmapped] = {}
        if journey is not None:
            progress("time at each step")
            times = step_times(ordered, codes, grouped)
            unmapped = _unmapped(ordered, activities, set(codes))
    summary = summarise_paths(paths)
    checked = JourneyCheck(journey) if journey is not None else None
    if checked is not None:
        progress("funnel and conformance")
    result = MiningResult(
        cases=summary.cases,
        events=summary.events,
        start_activities=summary.start_activities,
        end_activities=summary.end_activities,
        dfg=dfg,
        variants=summary.variants,
        funnel=funnel(checked, paths, times, by) if checked else None,
        conformance=conformance(checked, paths) if checked else None,
    )
    return MiningRun(result, summary, unmapped)


def _unmapped(ordered: ir.Table, activities: list[str], mapped: set[int]) -> dict[str, Unmapped]:
    """Events of activities that match no step, counted, with the first one's row."""
    missing = [code for code in range(len(activities)) if code not in mapped]
    if not missing:
        return {}
    strays = ordered.filter(ordered[ACTIVITY].isin(missing))
    counted = strays.group_by(ACTIVITY).aggregate(events=strays.count(), first=strays[ROW].min())
    return {
        activities[row[ACTIVITY]]: Unmapped(row["events"], row["first"]) for row in rows(counted)
    }
