"""The gap between desired and actual journey: counts per step and move, extras, misfits.

The fixture is ten hand-written cases (tests/render/journeys/checkout_gap_log.csv):

    C01-C03  browse cart checkout pay confirm
    C04      browse cart browse cart checkout pay confirm
    C05      browse checkout pay confirm                        (skips the cart)
    C06      browse cart                                        (stops at the cart)
    C07      browse cart checkout                               (stops at checkout)
    C08      browse cart checkout pay card_declined pay confirm
    C09      browse cart checkout pay card_declined call_support pay confirm
    C10      browse cart checkout pay card_declined call_support (stops after paying)

Every expected number below was counted from that table by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.model.errors import InvalidInputError
from cxmap.model.journey import Journey
from cxmap.model.journey_gap import (
    END_OF_CASE,
    GapOverlay,
    MoveTraffic,
    OffJourneyActivity,
    StepTraffic,
    gap_overlay,
)
from cxmap.model.mining import MiningResult
from cxmap.services.journey_files import load_journey

JOURNEYS = Path(__file__).parents[1] / "render" / "journeys"


def checkout_journey() -> Journey:
    return load_journey(JOURNEYS / "checkout_gap.yaml")


def checkout_result() -> MiningResult:
    return MiningResult.model_validate_json(
        (JOURNEYS / "checkout_gap_mined.json").read_text(encoding="utf-8")
    )


def checkout_overlay() -> GapOverlay:
    return gap_overlay(checkout_journey(), checkout_result(), "ten cases")


def test_steps_count_reach_drop_off_finish_and_skips() -> None:
    overlay = checkout_overlay()
    assert overlay.cases == 10
    assert overlay.conforming == 4  # C01-C04
    assert overlay.steps == (
        StepTraffic("browse", 10, 1.0, 0, 0.0, 0, 0),
        StepTraffic("cart", 9, 0.9, 1, 1 / 9, 0, 1),  # C06 stops, C05 skips it
        StepTraffic("checkout", 9, 0.9, 1, 1 / 9, 0, 0),  # C07 stops
        StepTraffic("pay", 8, 0.8, 1, 1 / 8, 0, 0),  # C10 stops (its last step is pay)
        StepTraffic("confirm", 7, 0.7, 0, 0.0, 7, 0),  # final: stopping is finishing
    )


def test_moves_in_journey_order_then_the_unexpected_ones() -> None:
    assert checkout_overlay().moves == (
        MoveTraffic("browse", "cart", 9, 10, "taken"),  # C04 twice
        MoveTraffic("cart", "checkout", 8, 8, "taken"),
        MoveTraffic("cart", "browse", 1, 1, "taken"),
        MoveTraffic("checkout", "pay", 8, 8, "taken"),
        MoveTraffic("checkout", "cart", 0, 0, "untaken"),
        MoveTraffic("pay", "confirm", 7, 7, "taken"),
        MoveTraffic("browse", "checkout", 1, 1, "unexpected"),  # C05
        MoveTraffic("pay", "pay", 2, 2, "unexpected"),  # C08, C09 pay again
    )


def test_activities_the_journey_lacks_hang_from_the_step_before_them() -> None:
    declined, support = checkout_overlay().extras
    assert declined == OffJourneyActivity(
        activity="card_declined",
        cases=3,
        count=3,
        anchor="pay",
        depth=0,
        before=(("Pay by card", 3),),
        after=(("call_support", 2), ("Pay by card", 1)),
    )
    assert support == OffJourneyActivity(
        activity="call_support",
        cases=2,
        count=2,
        anchor="pay",  # through card_declined, one further
        depth=1,
        before=(("card_declined", 2),),
        after=((END_OF_CASE, 1), ("Pay by card", 1)),  # C10 stops; C09 pays again
    )


def test_an_activity_nothing_known_leads_to_sits_before_where_it_leads() -> None:
    data = checkout_result().model_dump()
    # C11 starts with a chat, then browses: the chat's only neighbour is the browse step
    data["dfg"].append(
        {"source": "chat", "target": "browse", "count": 1, "mean_seconds": 1, "median_seconds": 1}
    )
    data["start_activities"]["chat"] = 1
    assert data["conformance"] is not None
    data["conformance"]["deviations"].append(
        {"kind": "unexpected_step", "activity": "chat", "count": 1, "cases": 1, "examples": []}
    )
    overlay = gap_overlay(checkout_journey(), MiningResult.model_validate(data), "x")
    chat = next(extra for extra in overlay.extras if extra.activity == "chat")
    assert (chat.anchor, chat.depth, chat.before) == ("browse", -1, ())


def test_a_result_mined_without_a_journey_is_refused_in_one_problem() -> None:
    result = checkout_result().model_copy(update={"funnel": None, "conformance": None})
    with pytest.raises(InvalidInputError) as caught:
        gap_overlay(checkout_journey(), result, "x")
    (problem,) = caught.value.problems
    assert problem.path == ("funnel",)
    assert "mined without a journey" in problem.message
    assert "--journey" in problem.message


def test_a_result_mined_against_another_journey_is_refused_in_one_problem() -> None:
    other = load_journey(JOURNEYS / "one_stage.yaml")
    with pytest.raises(InvalidInputError) as caught:
        gap_overlay(other, checkout_result(), "x")
    (problem,) = caught.value.problems
    assert problem.path == ("funnel", "steps", 0, "step")
    # browse, cart, checkout, confirm: one-stage has a step called `pay` too
    assert problem.message.startswith("step 'browse' (and 3 more) is not in journey 'one-stage'")
    assert "another journey" in problem.message


def test_a_move_whose_judgement_changed_since_mining_is_refused() -> None:
    data = checkout_journey().model_dump(mode="json")
    data["stages"][0]["steps"][1]["next"] = ["checkout"]  # cart -> browse no longer allowed
    changed = Journey.model_validate(data)
    with pytest.raises(InvalidInputError) as caught:
        gap_overlay(changed, checkout_result(), "x")
    (problem,) = caught.value.problems
    assert problem.path == ("conformance", "transitions", 2, "allowed")
    assert "cart -> browse was allowed when this was mined" in problem.message


def test_a_step_added_since_mining_is_named() -> None:
    data = checkout_journey().model_dump(mode="json")
    data["stages"][1]["steps"].append({"id": "review", "name": "Review"})
    with pytest.raises(InvalidInputError) as caught:
        gap_overlay(Journey.model_validate(data), checkout_result(), "x")
    (problem,) = caught.value.problems
    assert problem.path == ("funnel", "steps")
    assert "no counts for 'review'" in problem.message
