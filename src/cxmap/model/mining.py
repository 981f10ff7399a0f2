"""What an event log says customers actually did: the results of process mining.

These types are the JSON that `cxmap mine` writes and the API returns. The first six keys
of `MiningResult` are a fixed, documented core (`cases` .. `variants`) that other tools read;
the funnel and the conformance against a desired journey follow in further keys. Everything
needed to draw the actual journey over the desired one (step counts, edge counts, drop-off,
unexpected and skipped steps) is here, so a renderer never has to query the log itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: Column names of a tabular event log when the user names none.
DEFAULT_CASE = "case_id"
DEFAULT_ACTIVITY = "activity"
DEFAULT_TIMESTAMP = "timestamp"


class Result(BaseModel):
    """Base of the result types: immutable, and unknown keys are errors when read back."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnMapping(Result):
    """Which columns of a log hold the case, the activity and the time of each event.

    `None` means the format's own default: `case_id`, `activity`, `timestamp` for a table;
    the trace's and event's `concept:name` and `time:timestamp` for XES (with the prefix
    the file declares for the Concept and Time extensions). `order` names a column that
    orders events with equal timestamps in a database table, which has no input order.
    """

    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    order: str | None = None


class DfgEdge(Result):
    """One directly-follows relation: how often `target` came right after `source`."""

    source: str
    target: str
    count: int
    mean_seconds: float
    median_seconds: float


class Variant(Result):
    """One whole path through the log, from a case's first activity to its last."""

    activities: list[str]
    count: int

    def share(self, cases: int) -> float:
        return self.count / cases if cases else 0.0


class FunnelStep(Result):
    """How far customers got along the desired journey, one step of it.

    `cases` reached the step at least once; `exits` left the desired journey here (this was
    the last desired step in their log); `drop_off` counts the exits at steps where the
    journey may not end. The time at a step runs from an event at the step to the case's
    next event, whatever it is.
    """

    step: str
    name: str
    cases: int
    share: float = Field(description="cases / all cases (of the group).")
    exits: int
    drop_off: int
    drop_off_share: float = Field(description="drop_off / cases at this step.")
    mean_seconds: float | None
    median_seconds: float | None


class FunnelGroup(Result):
    """The funnel for one value of the grouping column (a segment, a channel)."""

    value: str
    cases: int
    steps: list[FunnelStep]


class Funnel(Result):
    """The funnel along the desired journey's steps, overall and per group when asked.

    Each case counts in the group of its first event: its segment, or the channel it came
    in through (so group sizes add up to all cases).
    """

    steps: list[FunnelStep]
    by: str | None = None
    groups: list[FunnelGroup] = Field(default_factory=list)


class DeviationKind(StrEnum):
    SKIPPED_STEP = "skipped_step"
    UNEXPECTED_STEP = "unexpected_step"
    UNEXPECTED_TRANSITION = "unexpected_transition"
    UNEXPECTED_START = "unexpected_start"
    REPEAT = "repeat"
    EARLY_EXIT = "early_exit"


class Deviation(Result):
    """One way the actual journeys stray from the desired one.

    `step` is the desired step concerned (skipped, repeated, exited early, started at);
    `activity` names an event that matches no step; `source` and `target` are the two
    steps of an unexpected transition. `count` counts occurrences, `cases` distinct cases,
    and `examples` gives up to three of them: the earliest case (by its first row in the
    log) of each of the first paths that show the deviation, so examples differ in path.
    """

    kind: DeviationKind
    step: str | None = None
    activity: str | None = None
    source: str | None = None
    target: str | None = None
    count: int
    cases: int
    examples: list[str]

    def subject(self) -> str:
        if self.kind == DeviationKind.UNEXPECTED_STEP:
            return self.activity or ""
        if self.kind == DeviationKind.UNEXPECTED_TRANSITION:
            return f"{self.source} -> {self.target}"
        return self.step or ""


class StepTransition(Result):
    """How often customers went from one desired step to another (other events between
    them left out), and whether the desired journey allows it."""

    source: str
    target: str
    count: int
    cases: int
    allowed: bool


class Conformance(Result):
    """Every case checked against the desired journey's steps and `next` transitions."""

    cases: int
    conforming: int
    conforming_share: float
    deviations: list[Deviation] = Field(description="Most cases first.")
    transitions: list[StepTransition] = Field(description="Sorted by (source, target).")


class MiningResult(Result):
    """The actual journey mined from one event log."""

    cases: int
    events: int
    start_activities: dict[str, int]
    end_activities: dict[str, int]
    dfg: list[DfgEdge] = Field(description="Sorted by (source, target).")
    variants: list[Variant] = Field(description="Most frequent first, then by path.")
    funnel: Funnel | None = None
    conformance: Conformance | None = None
    warnings: list[str] = Field(default_factory=list)

    @field_validator("start_activities", "end_activities")
    @classmethod
    def _by_name(cls, counts: dict[str, int]) -> dict[str, int]:
        """By activity name, as mined: a result read back from a store that reorders keys
        (PostgreSQL's JSONB does) still prints exactly as `cxmap mine` wrote it."""
        return dict(sorted(counts.items()))

    def to_json(self) -> str:
        """The documented JSON: the core keys, then funnel, conformance and warnings when
        there are any."""
        return self.model_dump_json(indent=2, exclude=self._left_out()) + "\n"

    def to_data(self) -> dict[str, Any]:
        """The documented JSON as data (what `to_json` writes), for an API answer."""
        return self.model_dump(mode="json", exclude=self._left_out())

    def _left_out(self) -> set[str]:
        optional = {"funnel": self.funnel, "conformance": self.conformance}
        left_out = {key for key, value in optional.items() if value is None}
        if not self.warnings:
            left_out.add("warnings")
        return left_out


def sorted_dfg(edges: list[DfgEdge]) -> list[DfgEdge]:
    return sorted(edges, key=lambda edge: (edge.source, edge.target))


def sorted_variants(variants: list[Variant]) -> list[Variant]:
    return sorted(variants, key=lambda variant: (-variant.count, variant.activities))


def sorted_deviations(deviations: list[Deviation]) -> list[Deviation]:
    return sorted(deviations, key=lambda d: (-d.cases, -d.count, d.kind.value, d.subject()))


@dataclass(frozen=True)
class ObservedPath:
    """One distinct path (within one group): how many cases took it, and the earliest few
    as (first row of the case in the log, case id)."""

    activities: tuple[str, ...]
    count: int
    examples: tuple[tuple[int, str], ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class PathSummary:
    """The core figures, all of which follow from the distinct paths and their counts."""

    cases: int
    events: int
    start_activities: dict[str, int]
    end_activities: dict[str, int]
    variants: list[Variant]
    single_event_cases: int
    first_single_event: tuple[int, str] | None


def summarise_paths(paths: Iterable[ObservedPath]) -> PathSummary:
    """Cases, events, start and end activities and variants (groups merged)."""
    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    variants: Counter[tuple[str, ...]] = Counter()
    singles: list[tuple[int, str]] = []
    single_cases = events = 0
    for path in paths:
        if not path.activities:
            continue
        starts[path.activities[0]] += path.count
        ends[path.activities[-1]] += path.count
        variants[path.activities] += path.count
        events += len(path.activities) * path.count
        if len(path.activities) == 1:
            single_cases += path.count
            singles.extend(path.examples)
    return PathSummary(
        cases=sum(variants.values()),
        events=events,
        start_activities=dict(sorted(starts.items())),
        end_activities=dict(sorted(ends.items())),
        variants=sorted_variants(
            [Variant(activities=list(path), count=count) for path, count in variants.items()]
        ),
        single_event_cases=single_cases,
        first_single_event=min(singles) if singles else None,
    )
