"""The gap between the desired and the actual journey: what a map draws over the steps.

`cxmap mine --journey` judges every case against the desired journey; this module turns
that result into what the map needs per step and per move (how many cases reach a step,
stop there, skip it; how many take each move, allowed or not) and places the activities
the desired journey lacks next to the step customers most often come from. It also refuses
a result that was mined against another journey (or another version of this one), naming
the key of the mined file that does not fit, since a map that silently mixes two journeys
would mislead the people acting on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from cxmap.model.desired_journey import desired_journey, journey_overlay, map_activities
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Journey
from cxmap.model.mining import Conformance, DeviationKind, Funnel, MiningResult

MoveStatus = Literal["taken", "untaken", "unexpected"]
#: How many neighbours an off-journey activity lists on each side.
NEIGHBOURS = 3
_END = "\x00end"  # the case stops; no activity name can hold a NUL
END_OF_CASE = "end of case"


@dataclass(frozen=True, slots=True)
class StepTraffic:
    """One desired step as customers used it.

    `cases` reached it; `drop_off` stopped there although the journey may not end there
    (`drop_off_share` of those who reached it); `finished` stopped there as designed;
    `skipped_by` went past it to a later step without it.
    """

    step: str
    cases: int
    share: float
    drop_off: int
    drop_off_share: float
    finished: int
    skipped_by: int


@dataclass(frozen=True, slots=True)
class MoveTraffic:
    """A move from one desired step to another: allowed and taken, allowed and never taken,
    or taken although the desired journey does not allow it (`unexpected`)."""

    source: str
    target: str
    cases: int
    count: int
    status: MoveStatus


@dataclass(frozen=True, slots=True)
class OffJourneyActivity:
    """An activity of the log that no desired step covers, and where it happens.

    `anchor` is the desired step it most often follows (through other off-journey
    activities, `depth` of them); `before` and `after` are its most frequent neighbours in
    the log with their counts, named as the map names them.
    """

    activity: str
    cases: int
    count: int
    anchor: str | None
    depth: int
    before: tuple[tuple[str, int], ...]
    after: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class GapOverlay:
    """Everything the map draws over the desired journey, from one mining result."""

    source: str  # what was mined, for the map's heading
    cases: int
    conforming: int
    conforming_share: float
    steps: tuple[StepTraffic, ...]  # in journey order
    moves: tuple[MoveTraffic, ...]  # the journey's `next` moves in file order, then the others
    extras: tuple[OffJourneyActivity, ...]

    def step(self, step_id: str) -> StepTraffic | None:
        return next((traffic for traffic in self.steps if traffic.step == step_id), None)


def gap_overlay(journey: Journey, result: MiningResult, source: str) -> GapOverlay:
    """The overlay of `result` on `journey`; problems are located in the mined document."""
    funnel, conformance = _require_journey_results(journey, result)
    _check_same_journey(journey, funnel, conformance)
    counts = journey_overlay(result)
    assert counts is not None  # funnel and conformance are there
    finals = {step.id for step in journey.steps() if step.final or not step.next}
    steps = tuple(
        StepTraffic(
            step=item.step,
            cases=item.cases,
            share=item.share,
            drop_off=item.drop_off,
            drop_off_share=item.drop_off_share,
            finished=item.exits if item.step in finals else 0,
            skipped_by=counts.skipped_steps.get(item.step, 0),
        )
        for item in funnel.steps
    )
    return GapOverlay(
        source=source,
        cases=result.cases,
        conforming=conformance.conforming,
        conforming_share=conformance.conforming_share,
        steps=steps,
        moves=_moves(journey, conformance),
        extras=_extras(journey, result, conformance),
    )


def _require_journey_results(journey: Journey, result: MiningResult) -> tuple[Funnel, Conformance]:
    missing = [key for key in ("funnel", "conformance") if getattr(result, key) is None]
    if missing:
        message = (
            f"missing: this result was mined without a journey; mine the log again with "
            f"--journey for journey '{journey.id}'"
        )
        if len(missing) == 1:
            message = f"missing although {'conformance' if missing == ['funnel'] else 'funnel'} "
            message += "is there; write the file again with `cxmap mine --journey ... --json`"
        raise InvalidInputError([Problem((missing[0],), message)])
    assert result.funnel is not None
    assert result.conformance is not None
    return result.funnel, result.conformance


def _check_same_journey(journey: Journey, funnel: Funnel, conformance: Conformance) -> None:
    """The mined steps and the allowed moves must be this journey's, or the map would lie.

    One problem says it all (a file mined against another journey would otherwise name
    every one of its steps): the first misfit, and how many more there are.
    """
    ids = [step.id for step in journey.steps()]
    again = f"mine the log again with --journey for journey '{journey.id}'"
    unknown = [(i, item.step) for i, item in enumerate(funnel.steps) if item.step not in ids]
    if unknown:
        index, step = unknown[0]
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        message = (
            f"step '{step}'{more} is not in journey '{journey.id}': this file was mined "
            f"against another journey; {again}"
        )
        raise InvalidInputError([Problem(("funnel", "steps", index, "step"), message)])
    mined = {item.step for item in funnel.steps}
    missing = [step for step in ids if step not in mined]
    if missing:
        listing = ", ".join(f"'{step}'" for step in missing)
        message = f"no counts for {listing} of journey '{journey.id}'; {again}"
        raise InvalidInputError([Problem(("funnel", "steps"), message)])
    allowed = {(step.id, target) for step in journey.steps() for target in step.next}
    misfits = [
        (index, move)
        for index, move in enumerate(conformance.transitions)
        if move.source not in ids
        or move.target not in ids
        or move.allowed != ((move.source, move.target) in allowed)
    ]
    if misfits:
        index, move = misfits[0]
        more = f" (and {len(misfits) - 1} more)" if len(misfits) > 1 else ""
        if move.source not in ids or move.target not in ids:
            key = "source" if move.source not in ids else "target"
            detail = f"step '{getattr(move, key)}' is not in journey '{journey.id}'"
        else:
            key = "allowed"
            said = "allowed" if move.allowed else "not allowed"
            detail = (
                f"{move.source} -> {move.target} was {said} when this was mined, and is not "
                f"so in journey '{journey.id}' now"
            )
        message = f"{detail}{more}; {again}"
        raise InvalidInputError([Problem(("conformance", "transitions", index, key), message)])


def _moves(journey: Journey, conformance: Conformance) -> tuple[MoveTraffic, ...]:
    """The journey's own moves first (as the map plans them), then the unexpected ones."""
    mined = {(move.source, move.target): move for move in conformance.transitions}
    moves: list[MoveTraffic] = []
    for step in journey.steps():
        for target in dict.fromkeys(step.next):
            found = mined.get((step.id, target))
            cases, count = (found.cases, found.count) if found else (0, 0)
            status: MoveStatus = "taken" if cases else "untaken"
            moves.append(MoveTraffic(step.id, target, cases, count, status))
    for move in conformance.transitions:
        if not move.allowed and move.cases:
            moves.append(
                MoveTraffic(move.source, move.target, move.cases, move.count, "unexpected")
            )
    return tuple(moves)


def _extras(
    journey: Journey, result: MiningResult, conformance: Conformance
) -> tuple[OffJourneyActivity, ...]:
    """Activities no step covers, each placed after the step customers mostly come from."""
    found = {
        deviation.activity: deviation
        for deviation in conformance.deviations
        if deviation.kind == DeviationKind.UNEXPECTED_STEP and deviation.activity
    }
    if not found:
        return ()
    activities = {edge.source for edge in result.dfg} | {edge.target for edge in result.dfg}
    steps = map_activities(desired_journey(journey), activities | set(result.start_activities))
    names = {step.id: step.name for step in journey.steps()}
    before: dict[str, Counter[str]] = {activity: Counter() for activity in found}
    after: dict[str, Counter[str]] = {activity: Counter() for activity in found}
    for edge in result.dfg:
        if edge.target in found:
            before[edge.target][edge.source] += edge.count
        if edge.source in found:
            after[edge.source][edge.target] += edge.count
    for activity, count in result.end_activities.items():
        if activity in found:
            after[activity][_END] += count
    anchors = _Anchors(steps, before, after)

    def named(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:NEIGHBOURS]
        return tuple((_display(name, steps, names), count) for name, count in ranked)

    extras = []
    for activity, deviation in found.items():
        anchor, depth = anchors.of(activity)
        extras.append(
            OffJourneyActivity(
                activity=activity,
                cases=deviation.cases,
                count=deviation.count,
                anchor=anchor,
                depth=depth,
                before=named(before[activity]),
                after=named(after[activity]),
            )
        )
    return tuple(sorted(extras, key=lambda extra: (-extra.cases, extra.activity)))


class _Anchors:
    """The desired step an off-journey activity hangs from, followed back through others."""

    def __init__(
        self,
        steps: dict[str, str],
        before: dict[str, Counter[str]],
        after: dict[str, Counter[str]],
    ) -> None:
        self.steps = steps
        self.before = before
        self.after = after
        self.known: dict[str, tuple[str | None, int]] = {}

    def of(self, activity: str, visiting: frozenset[str] = frozenset()) -> tuple[str | None, int]:
        if activity in self.known:
            return self.known[activity]
        answer: tuple[str | None, int] = (None, 0)
        for source, _ in _ranked(self.before[activity]):
            if source in self.steps:
                answer = (self.steps[source], 0)
            elif source in self.before and source not in visiting:
                anchor, depth = self.of(source, visiting | {activity})
                answer = (anchor, depth + 1) if anchor is not None else (None, 0)
            if answer[0] is not None:
                break
        if answer[0] is None:  # nothing known leads here: sit before where it leads to
            for target, _ in _ranked(self.after[activity]):
                if target in self.steps:
                    answer = (self.steps[target], -1)
                    break
        if not visiting:
            self.known[activity] = answer
        return answer


def _display(activity: str, steps: dict[str, str], names: dict[str, str]) -> str:
    """A neighbour as the map names it: the step's name, the activity, or the case's end."""
    if activity == _END:
        return END_OF_CASE
    return names[steps[activity]] if activity in steps else activity


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
