"""The flow of a journey as a graph of step ids: who can get where, and who can get out.

Journeys branch, loop and end early through `next` and `final`, so "does this flow make
sense?" is a graph question. These pure functions answer it once, for the linter and for
anything else (layout, conformance) that needs the same reading of the flow.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

from cxmap.model.journey import Journey

Successors = Mapping[str, list[str]]


def successors(journey: Journey) -> dict[str, list[str]]:
    """Step id -> the step ids its `next` names, in file order."""
    return {step.id: list(step.next) for step in journey.steps()}


def predecessors(graph: Successors) -> dict[str, list[str]]:
    """The same edges turned around: step id -> the steps that lead to it."""
    before: dict[str, list[str]] = {node: [] for node in graph}
    for node, targets in graph.items():
        for target in targets:
            before.setdefault(target, []).append(node)
    return before


def walk(starts: Iterable[str], graph: Successors) -> set[str]:
    """Every node reachable from `starts` (included) along `graph`; unknown ids are ignored."""
    seen = {node for node in starts if node in graph}
    queue = deque(seen)
    while queue:
        for target in graph[queue.popleft()]:
            if target in graph and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def reachable(journey: Journey) -> set[str]:
    """Steps a customer can arrive at from the journey's entry steps."""
    return walk(journey.entry_steps(), successors(journey))


def exits(journey: Journey) -> set[str]:
    """Steps where a walk through the journey stops: marked final, or with nowhere to go."""
    return {step.id for step in journey.steps() if step.final or not step.next}


def trapped(journey: Journey) -> set[str]:
    """Reachable steps from which no exit can be reached: a loop the customer never leaves."""
    graph = successors(journey)
    escape = walk(exits(journey), predecessors(graph))
    return reachable(journey) - escape
