"""Funnel and conformance from the distinct paths customers took, by pure counting.

Whether a case conforms, where it drops off and which steps it skips depend only on its
sequence of activities, so they are computed once per distinct path (a variant) and
weighted by how many cases took it: ten million events come down to a few thousand paths.
Times are the one thing that needs the events themselves; the engine measures them and
hands them in. Being plain functions, every rule here can be checked by hand on a few paths.
"""

from __future__ import annotations

import itertools
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cxmap.model.desired_journey import (
    END,
    START,
    DesiredJourney,
    TransitionRule,
    step_for_activity,
    transition_rules,
)
from cxmap.model.mining import (
    Conformance,
    Deviation,
    DeviationKind,
    Funnel,
    FunnelGroup,
    FunnelStep,
    ObservedPath,
    StepTransition,
    sorted_deviations,
)

EXAMPLES = 3
#: (kind, step, activity, source, target): what a deviation is about.
DeviationKey = tuple[DeviationKind, str | None, str | None, str | None, str | None]
#: (group value or None, step id) -> (mean seconds, median seconds) at the step.
StepTimes = dict[tuple[str | None, str], tuple[float | None, float | None]]


@dataclass
class _Tally:
    count: int = 0
    cases: int = 0
    examples: list[tuple[int, str]] = field(default_factory=list)

    def add(self, path: ObservedPath, times: int) -> None:
        self.count += path.count * times
        self.cases += path.count
        for example in path.examples:
            if example in self.examples:
                continue
            if len(self.examples) < EXAMPLES:
                insort(self.examples, example)
            elif example < self.examples[-1]:
                self.examples.pop()
                insort(self.examples, example)


class JourneyCheck:
    """The desired journey's rules, ready to judge many paths."""

    def __init__(self, desired: DesiredJourney) -> None:
        self.desired = desired
        self.rules: dict[tuple[str, str], TransitionRule] = {
            (rule.source, rule.target): rule for rule in transition_rules(desired)
        }
        self._steps: dict[str, str | None] = {}

    def step(self, activity: str) -> str | None:
        if activity not in self._steps:
            self._steps[activity] = step_for_activity(self.desired, activity)
        return self._steps[activity]

    def steps(self, activities: Sequence[str]) -> list[str]:
        """The desired steps a path passes, in order; other activities left out."""
        known = self._steps
        return [step for a in activities if (step := known[a] if a in known else self.step(a))]

    def deviations(
        self, activities: Sequence[str], steps: list[str] | None = None
    ) -> list[DeviationKey]:
        """Every deviation of one path, once per occurrence, in path order."""
        steps = self.steps(activities) if steps is None else steps
        found: list[DeviationKey] = []
        if len(steps) < len(activities):
            found = [
                (DeviationKind.UNEXPECTED_STEP, None, a, None, None)
                for a in activities
                if self.step(a) is None
            ]
        if not steps:
            return found
        rules = self.rules
        for move in zip([START, *steps], [*steps, END], strict=True):
            rule = rules[move]
            if rule.kind is not None:
                found.extend(_judged(rule))
        return found


def _judged(rule: TransitionRule) -> list[DeviationKey]:
    if rule.kind is None:
        return []
    if rule.kind == DeviationKind.SKIPPED_STEP:
        return [(rule.kind, step, None, None, None) for step in rule.skipped]
    if rule.kind == DeviationKind.UNEXPECTED_TRANSITION:
        return [(rule.kind, None, None, rule.source, rule.target)]
    step = rule.target if rule.kind == DeviationKind.UNEXPECTED_START else rule.source
    return [(rule.kind, step, None, None, None)]


def conformance(check: JourneyCheck, paths: Iterable[ObservedPath]) -> Conformance:
    """Share of conforming cases, every deviation with counts and examples, and the moves
    between desired steps."""
    tallies: dict[DeviationKey, _Tally] = defaultdict(_Tally)
    moves: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    cases = conforming = 0
    for path in paths:
        cases += path.count
        steps = check.steps(path.activities)
        found = check.deviations(path.activities, steps)
        conforming += 0 if found else path.count
        for key in dict.fromkeys(found):
            tallies[key].add(path, found.count(key))
        pairs = list(itertools.pairwise(steps))
        for pair in dict.fromkeys(pairs):
            moves[pair].add(path, pairs.count(pair))
    deviations = [
        Deviation(
            kind=kind,
            step=step,
            activity=activity,
            source=source,
            target=target,
            count=tally.count,
            cases=tally.cases,
            examples=[case for _, case in tally.examples],
        )
        for (kind, step, activity, source, target), tally in tallies.items()
    ]
    transitions = [
        StepTransition(
            source=source,
            target=target,
            count=tally.count,
            cases=tally.cases,
            allowed=check.rules[(source, target)].kind is None,
        )
        for (source, target), tally in sorted(moves.items())
    ]
    return Conformance(
        cases=cases,
        conforming=conforming,
        conforming_share=conforming / cases if cases else 0.0,
        deviations=sorted_deviations(deviations),
        transitions=transitions,
    )


def funnel(
    check: JourneyCheck,
    paths: Sequence[ObservedPath],
    times: StepTimes,
    by: str | None = None,
) -> Funnel:
    """Cases reaching each desired step and leaving the journey there, overall and, when
    `by` is given, per group (each case in the group of its first event)."""
    overall = _funnel_steps(check, paths, times, None)
    if by is None:
        return Funnel(steps=overall)
    values = sorted({path.group or "" for path in paths})
    groups = []
    for value in values:
        members = [path for path in paths if (path.group or "") == value]
        steps = _funnel_steps(check, members, times, value)
        groups.append(FunnelGroup(value=value, cases=sum(p.count for p in members), steps=steps))
    return Funnel(steps=overall, by=by, groups=groups)


def _funnel_steps(
    check: JourneyCheck,
    paths: Sequence[ObservedPath],
    times: StepTimes,
    group: str | None,
) -> list[FunnelStep]:
    reached: dict[str, int] = defaultdict(int)
    exits: dict[str, int] = defaultdict(int)
    total = 0
    for path in paths:
        total += path.count
        steps = check.steps(path.activities)
        for step in set(steps):
            reached[step] += path.count
        if steps:
            exits[steps[-1]] += path.count
    result = []
    for step, name in check.desired.names.items():
        drop = 0 if step in check.desired.finals else exits[step]
        mean, median = times.get((group, step), (None, None))
        result.append(
            FunnelStep(
                step=step,
                name=name,
                cases=reached[step],
                share=reached[step] / total if total else 0.0,
                exits=exits[step],
                drop_off=drop,
                drop_off_share=drop / reached[step] if reached[step] else 0.0,
                mean_seconds=mean,
                median_seconds=median,
            )
        )
    return result
