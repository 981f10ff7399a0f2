"""The desired journey as rules an event log can be checked against.

A log speaks in activities, a journey in steps. This module decides, once and without any
data, which activity is which step (same id or name, or the journey's `activity_map`), and
how every possible move between two steps is judged: allowed by `next`, a repeat, a skip
over steps the customer should have taken, or simply unexpected. The analytics engine joins
the log against these small tables, so the judgement lives here, testable by hand.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Journey
from cxmap.model.journey_graph import exits, successors
from cxmap.model.mining import DeviationKind, MiningResult, Result

#: Sentinels around a case's steps; `(` cannot start a step id, so they never collide.
START = "(start)"
END = "(end)"


class TransitionRule(Result):
    """How a move from `source` to `target` is judged; `kind` is None when it is allowed.

    For a skip, `skipped` lists the desired steps on the shortest way between the two.
    """

    source: str
    target: str
    kind: DeviationKind | None
    skipped: list[str]


class JourneyOverlay(Result):
    """What a map needs to draw the actual journey over the desired one."""

    step_cases: dict[str, int]
    drop_off: dict[str, int]
    transitions: list[tuple[str, str, int, bool]]
    unexpected_activities: dict[str, int]
    skipped_steps: dict[str, int]


@dataclass(frozen=True)
class DesiredJourney:
    """The parts of a journey that conformance needs, in journey order."""

    names: dict[str, str]
    successors: dict[str, list[str]]
    entries: list[str]
    finals: frozenset[str]
    activity_map: dict[str, str]

    @property
    def step_ids(self) -> list[str]:
        return list(self.names)


def desired_journey(journey: Journey) -> DesiredJourney:
    """The journey's flow; an `activity_map` entry naming no step is an input error."""
    names = {step.id: step.name for step in journey.steps()}
    problems = [
        Problem(("activity_map", activity), f"no step with id '{step}'")
        for activity, step in journey.activity_map.items()
        if step not in names
    ]
    if problems:
        raise InvalidInputError(problems)
    return DesiredJourney(
        names=names,
        successors=successors(journey),
        entries=[step for step in journey.entry_steps() if step in names],
        finals=frozenset(exits(journey)),
        activity_map=dict(journey.activity_map),
    )


def step_for_activity(desired: DesiredJourney, activity: str) -> str | None:
    """The step an activity stands for: mapped, same id, same name, or same words in any case."""
    if activity in desired.activity_map:
        return desired.activity_map[activity]
    if activity in desired.names:
        return activity
    for step, name in desired.names.items():
        if name == activity:
            return step
    folded = activity.casefold()
    for step, name in desired.names.items():
        if folded in (step.casefold(), name.casefold()):
            return step
    return None


def map_activities(desired: DesiredJourney, activities: Iterable[str]) -> dict[str, str]:
    """Activity -> step id for every activity that matches a step (others are left out)."""
    mapping = {}
    for activity in activities:
        step = step_for_activity(desired, activity)
        if step is not None:
            mapping[activity] = step
    return mapping


def _graph(desired: DesiredJourney) -> dict[str, list[str]]:
    graph = {START: list(desired.entries)}
    graph.update({step: list(targets) for step, targets in desired.successors.items()})
    return graph


def _shortest_path(graph: dict[str, list[str]], source: str, target: str) -> list[str] | None:
    """The first shortest path (in `next` order) from source to target, both included."""
    parents: dict[str, str] = {}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for child in graph.get(node, []):
            if child in parents or child == source:
                continue
            parents[child] = node
            if child == target:
                path = [target]
                while path[-1] != source:
                    path.append(parents[path[-1]])
                return path[::-1]
            queue.append(child)
    return None


def judge(desired: DesiredJourney, source: str, target: str) -> TransitionRule:
    """How one move is judged: `source` may be START, `target` may be END."""
    graph = _graph(desired)
    if target == END:
        kind = None if source in desired.finals else DeviationKind.EARLY_EXIT
        return TransitionRule(source=source, target=target, kind=kind, skipped=[])
    if target in graph.get(source, []):
        return TransitionRule(source=source, target=target, kind=None, skipped=[])
    if source == target:
        return TransitionRule(source=source, target=target, kind=DeviationKind.REPEAT, skipped=[])
    path = _shortest_path(graph, source, target)
    if path is not None:
        return TransitionRule(
            source=source, target=target, kind=DeviationKind.SKIPPED_STEP, skipped=path[1:-1]
        )
    kind = (
        DeviationKind.UNEXPECTED_START if source == START else DeviationKind.UNEXPECTED_TRANSITION
    )
    return TransitionRule(source=source, target=target, kind=kind, skipped=[])


def transition_rules(desired: DesiredJourney) -> list[TransitionRule]:
    """A rule for every move a case can make: START -> step, step -> step, step -> END."""
    steps = desired.step_ids
    moves = [(START, step) for step in steps]
    moves += [(source, target) for source in steps for target in [*steps, END]]
    return [judge(desired, source, target) for source, target in moves]


def journey_overlay(result: MiningResult) -> JourneyOverlay | None:
    """The counts a renderer draws over the desired journey; None without a journey."""
    if result.funnel is None or result.conformance is None:
        return None
    unexpected: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for deviation in result.conformance.deviations:
        if deviation.kind == DeviationKind.UNEXPECTED_STEP and deviation.activity:
            unexpected[deviation.activity] = deviation.count
        elif deviation.kind == DeviationKind.SKIPPED_STEP and deviation.step:
            skipped[deviation.step] = deviation.cases
    return JourneyOverlay(
        step_cases={step.step: step.cases for step in result.funnel.steps},
        drop_off={step.step: step.drop_off for step in result.funnel.steps},
        transitions=[
            (t.source, t.target, t.count, t.allowed) for t in result.conformance.transitions
        ],
        unexpected_activities=unexpected,
        skipped_steps=skipped,
    )
