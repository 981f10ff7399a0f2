"""Funnel and conformance rules on hand-made paths, every expected number counted by hand."""

from __future__ import annotations

import pytest

from cxmap.model.desired_journey import (
    END,
    START,
    desired_journey,
    journey_overlay,
    judge,
    map_activities,
)
from cxmap.model.errors import InvalidInputError
from cxmap.model.journey import Journey
from cxmap.model.journey_conformance import JourneyCheck, conformance, funnel
from cxmap.model.mining import DeviationKind, MiningResult, ObservedPath

# a -> b -> c -> d, d may end the journey; "Open" is mapped onto a by the journey's table.
JOURNEY = Journey.model_validate(
    {
        "id": "tiny",
        "title": "Tiny",
        "activity_map": {"Open": "a"},
        "stages": [
            {
                "id": "s",
                "name": "S",
                "steps": [
                    {"id": "a", "name": "Arrive", "next": ["b"]},
                    {"id": "b", "name": "Browse", "next": ["c"]},
                    {"id": "c", "name": "Check out", "next": ["d"]},
                    {"id": "d", "name": "Done", "final": True},
                ],
            }
        ],
    }
)
CHECK = JourneyCheck(desired_journey(JOURNEY))


def path(text: str, count: int, first_row: int, group: str | None = None) -> ObservedPath:
    case = f"case-{first_row}"
    return ObservedPath(tuple(text.split()), count, ((first_row, case),), group)


PATHS = [
    path("Open b c d", 3, 0, "web"),  # conforms (Open is a)
    path("a c d", 2, 10, "app"),  # skips b
    path("a b b c d", 1, 20, "web"),  # repeats b
    path("a b", 2, 30, "web"),  # leaves early at b
    path("b c d", 1, 40, "app"),  # starts past a: a skipped
    path("a b X c d", 1, 50, "web"),  # X is no step
    path("a d c", 1, 60, "app"),  # skips b and c, d -> c unexpected, ends early at c
]


def test_moves_are_judged_by_next_final_and_reachability() -> None:
    desired = desired_journey(JOURNEY)
    assert judge(desired, START, "a").kind is None
    assert judge(desired, START, "c").skipped == ["a", "b"]
    assert judge(desired, "a", "b").kind is None
    assert judge(desired, "a", "d").skipped == ["b", "c"]
    assert judge(desired, "b", "b").kind == DeviationKind.REPEAT
    assert judge(desired, "d", "a").kind == DeviationKind.UNEXPECTED_TRANSITION
    assert judge(desired, "d", END).kind is None
    assert judge(desired, "c", END).kind == DeviationKind.EARLY_EXIT


def test_activities_map_by_table_id_name_and_case_folded_name() -> None:
    desired = desired_journey(JOURNEY)
    found = map_activities(desired, ["Open", "b", "Check out", "done", "X"])
    assert found == {"Open": "a", "b": "b", "Check out": "c", "done": "d"}


def test_an_activity_map_naming_no_step_is_an_input_error() -> None:
    broken = JOURNEY.model_copy(update={"activity_map": {"Open": "nowhere"}})
    with pytest.raises(InvalidInputError) as caught:
        desired_journey(broken)
    assert caught.value.lines() == ["activity_map.Open: no step with id 'nowhere'"]


def test_conformance_counts_cases_and_occurrences_of_each_deviation() -> None:
    result = conformance(CHECK, PATHS)
    assert (result.cases, result.conforming) == (11, 3)
    assert result.conforming_share == pytest.approx(3 / 11)
    found = [(d.kind.value, d.subject(), d.cases, d.count, d.examples) for d in result.deviations]
    assert found == [
        ("skipped_step", "b", 3, 3, ["case-10", "case-60"]),
        ("early_exit", "b", 2, 2, ["case-30"]),
        ("early_exit", "c", 1, 1, ["case-60"]),
        ("repeat", "b", 1, 1, ["case-20"]),
        ("skipped_step", "a", 1, 1, ["case-40"]),
        ("skipped_step", "c", 1, 1, ["case-60"]),
        ("unexpected_step", "X", 1, 1, ["case-50"]),
        ("unexpected_transition", "d -> c", 1, 1, ["case-60"]),
    ]


def test_a_deviation_repeated_within_a_case_counts_each_time_but_the_case_once() -> None:
    result = conformance(CHECK, [path("a b b b c d", 4, 0)])
    (repeat,) = result.deviations
    assert (repeat.kind, repeat.step, repeat.cases, repeat.count) == ("repeat", "b", 4, 8)


def test_moves_between_desired_steps_leave_other_activities_out() -> None:
    moves = {
        (t.source, t.target): (t.count, t.cases, t.allowed)
        for t in conformance(CHECK, PATHS).transitions
    }
    assert moves == {
        ("a", "b"): (7, 7, True),
        ("b", "c"): (6, 6, True),  # includes b -> X -> c
        ("c", "d"): (8, 8, True),
        ("a", "c"): (2, 2, False),
        ("b", "b"): (1, 1, False),
        ("a", "d"): (1, 1, False),
        ("d", "c"): (1, 1, False),
    }


def test_funnel_counts_cases_reaching_and_leaving_each_step() -> None:
    times = {(None, "a"): (60.0, 60.0)}
    result = funnel(CHECK, PATHS, times)
    found = [(s.step, s.cases, s.exits, s.drop_off) for s in result.steps]
    assert found == [("a", 10, 0, 0), ("b", 8, 2, 2), ("c", 9, 1, 1), ("d", 9, 8, 0)]
    first = result.steps[0]
    assert (first.share, first.mean_seconds, first.median_seconds) == (10 / 11, 60.0, 60.0)
    assert result.steps[1].drop_off_share == pytest.approx(2 / 8)
    assert result.steps[1].mean_seconds is None


def test_funnel_by_group_splits_cases_by_their_group() -> None:
    result = funnel(CHECK, PATHS, {}, by="channel")
    assert result.by == "channel"
    assert [(g.value, g.cases) for g in result.groups] == [("app", 4), ("web", 7)]
    app = {s.step: (s.cases, s.drop_off) for s in result.groups[0].steps}
    assert app == {"a": (3, 0), "b": (1, 0), "c": (4, 1), "d": (4, 0)}


def test_overlay_gathers_what_a_map_draws() -> None:
    result = MiningResult(
        cases=11,
        events=0,
        start_activities={},
        end_activities={},
        dfg=[],
        variants=[],
        funnel=funnel(CHECK, PATHS, {}),
        conformance=conformance(CHECK, PATHS),
    )
    overlay = journey_overlay(result)
    assert overlay is not None
    assert overlay.step_cases == {"a": 10, "b": 8, "c": 9, "d": 9}
    assert overlay.drop_off == {"a": 0, "b": 2, "c": 1, "d": 0}
    assert overlay.unexpected_activities == {"X": 1}
    assert overlay.skipped_steps == {"b": 3, "a": 1, "c": 1}
    assert ("a", "c", 2, False) in overlay.transitions
