"""The actual journey laid over the desired one: widths, flags, badges, the extra lane.

Counts come from the ten hand-written cases described in tests/model/test_journey_gap.py.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cxmap.model.journey import Journey, Lane
from cxmap.model.journey_gap import GapOverlay, MoveTraffic, StepTraffic
from cxmap.model.layout import layout_journey
from cxmap.model.layout_gap import (
    OFF_JOURNEY_LANE,
    THICK,
    THIN,
    count_text,
    move_width,
    percent,
)
from cxmap.model.layout_shapes import Card, GapDrawing, GapEdge, Layout, Rect, layout_as_dict
from tests.model.test_journey_gap import checkout_journey, checkout_overlay


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        outer.x <= inner.x
        and inner.right <= outer.right
        and outer.y <= inner.y
        and inner.bottom <= outer.bottom
    )


def gap_of(layout: Layout) -> GapDrawing:
    assert layout.gap is not None
    return layout.gap


def edge(layout: Layout, source: str, target: str) -> GapEdge:
    (found,) = [e for e in gap_of(layout).edges if (e.source, e.target) == (source, target)]
    return found


def card(layout: Layout, kind: str, ref: str) -> Card:
    (found,) = [c for c in layout.cards if c.kind == kind and c.ref == ref]
    return found


def checkout_layout() -> Layout:
    return layout_journey(checkout_journey(), checkout_overlay())


def line_journey(steps: int) -> Journey:
    data: dict[str, Any] = {
        "id": "line",
        "title": "A line of steps",
        "stages": [
            {
                "id": "only",
                "name": "Only",
                "steps": [
                    {"id": f"s{i}", "name": f"Step {i}", "next": [f"s{i + 1}"]}
                    for i in range(steps - 1)
                ]
                + [{"id": f"s{steps - 1}", "name": f"Step {steps - 1}"}],
            }
        ],
    }
    return Journey.model_validate(data)


def line_overlay(cases: list[int], total: int) -> GapOverlay:
    steps = tuple(StepTraffic(f"s{i}", total, 1.0, 0, 0.0, 0, 0) for i in range(len(cases) + 1))
    moves = tuple(
        MoveTraffic(f"s{i}", f"s{i + 1}", n, n, "taken" if n else "untaken")
        for i, n in enumerate(cases)
    )
    return GapOverlay("log", total, total, 1.0, steps, moves, ())


# --- widths ---------------------------------------------------------------------------------


def test_width_runs_from_thin_to_thick_on_a_square_root_scale() -> None:
    assert move_width(0, 100) == THIN
    assert move_width(100, 100) == THICK
    assert move_width(25, 100) == 6.8  # 1.5 + 10.5 * sqrt(0.25) = 6.75
    assert move_width(1, 100) == 2.5  # 1.5 + 10.5 * 0.1 = 2.55, rounded to one decimal


@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=7))
@settings(max_examples=40, deadline=None)
def test_a_move_made_by_more_cases_is_never_thinner(cases: list[int]) -> None:
    total = max(cases)
    layout = layout_journey(line_journey(len(cases) + 1), line_overlay(cases, total))
    edges = gap_of(layout).edges
    assert [(e.source, e.cases) for e in edges] == [(f"s{i}", n) for i, n in enumerate(cases)]
    for a, b in itertools.permutations(edges, 2):
        if a.cases < b.cases:
            assert a.width <= b.width
    assert all(THIN <= e.width <= THICK for e in edges)
    widest = max(edges, key=lambda e: e.cases)
    assert widest.width == THICK


def test_counts_and_shares_are_written_for_people() -> None:
    assert [count_text(n) for n in (7, 1524, 12_345, 456_789, 1_234_567)] == [
        "7",
        "1,524",
        "12.3k",
        "456k",
        "1.2M",
    ]
    assert [percent(s) for s in (0, 0.001, 0.111, 0.125, 0.5, 0.999, 1)] == [
        "0%",
        "<1%",
        "11%",
        "13%",
        "50%",
        ">99%",
        "100%",
    ]


# --- moves ----------------------------------------------------------------------------------


def test_unexpected_moves_are_drawn_flagged_and_labelled() -> None:
    layout = checkout_layout()
    unexpected = {(e.source, e.target) for e in gap_of(layout).edges if e.status == "unexpected"}
    assert unexpected == {("browse", "checkout"), ("pay", "pay")}
    skip = edge(layout, "browse", "checkout")
    assert skip.kind == "branch"  # over the cart, above the cards
    assert max(p.y for p in skip.points) <= card(layout, "touchpoint", "browse").box.y
    repeat = edge(layout, "pay", "pay")
    assert repeat.kind == "loop"  # out of the card's bottom and back in
    assert min(p.y for p in repeat.points) >= card(layout, "touchpoint", "pay").box.bottom
    for flagged in (skip, repeat):
        assert flagged.label is not None
        assert flagged.label.text.lines[0].endswith("not in the desired journey")
        assert flagged.label.kind == "unexpected"
        assert "not in the desired journey" in flagged.tooltip
    assert repeat.label is not None
    assert repeat.label.text.lines == ("2 \u00b7 not in the desired journey",)


def test_a_desired_move_nobody_makes_is_thin_and_says_so() -> None:
    layout = checkout_layout()
    untaken = edge(layout, "checkout", "cart")
    assert untaken.status == "untaken"
    assert untaken.width == THIN
    assert untaken.cases == 0
    assert untaken.label is not None
    assert untaken.label.text.lines == ("no cases",)


def test_taken_moves_carry_their_case_count_and_end_at_the_target() -> None:
    layout = checkout_layout()
    flow = edge(layout, "browse", "cart")
    assert (flow.status, flow.cases, flow.width) == ("taken", 9, move_width(9, 10))
    assert flow.label is not None
    assert flow.label.text.lines == ("9",)
    target = card(layout, "touchpoint", "cart").box
    tip = flow.head[0]
    assert tip.x == target.x  # the head touches the card it points at
    assert flow.points[-1].x < tip.x  # the line stops under the head
    back = edge(layout, "cart", "browse")
    assert back.head[0].y == card(layout, "touchpoint", "browse").box.bottom
    assert layout.arrows == ()  # the plain arrows give way to the weighted ones


def test_labels_cover_no_card_and_no_other_label() -> None:
    layout = checkout_layout()
    pills = [e.label.box for e in gap_of(layout).edges if e.label is not None]
    assert len(pills) == len(gap_of(layout).edges)
    for a, b in itertools.combinations(pills, 2):
        assert not overlaps(a, b)
    for pill in pills:
        assert not any(overlaps(pill, c.box) for c in layout.cards)


# --- steps ----------------------------------------------------------------------------------


def test_each_step_card_counts_who_reaches_it_and_who_stops() -> None:
    layout = checkout_layout()
    marks = {m.step: m for m in gap_of(layout).steps}
    assert list(marks) == ["browse", "cart", "checkout", "pay", "confirm"]
    cart = marks["cart"]
    assert cart.reach.lines == ("9 cases \u00b7 90%",)
    assert cart.fill.w == round(cart.bar.w * 0.9, 1)
    assert (cart.outcome_kind, cart.outcome.lines) == ("drop", ("1 drop off (11%)",))
    assert cart.icon is not None
    assert cart.icon.kind == "drop"
    assert marks["pay"].outcome.lines == ("1 drop off (13%)",)  # 1 of 8 = 12.5 %
    assert (marks["confirm"].outcome_kind, marks["confirm"].outcome.lines) == (
        "finish",
        ("7 finish here",),
    )
    assert (marks["browse"].outcome_kind, marks["browse"].icon) == ("none", None)
    for step, mark in marks.items():
        box = card(layout, "touchpoint", step).box
        assert inside(mark.bar, box)
        assert mark.reach.y < mark.bar.y < mark.outcome.y < box.bottom


def test_a_skipped_step_carries_a_badge_with_the_number_of_cases() -> None:
    layout = checkout_layout()
    skipped = {m.step: m.skipped for m in gap_of(layout).steps if m.skipped}
    assert list(skipped) == ["cart"]
    badge = skipped["cart"]
    assert badge.text.lines == ("Skipped by 1 case",)
    assert inside(badge.box, card(layout, "touchpoint", "cart").box)


# --- what the desired journey lacks ---------------------------------------------------------


def test_extra_activities_sit_in_their_own_lane_under_the_step_they_follow() -> None:
    layout = checkout_layout()
    lanes = [row.lane for row in layout.lanes]
    assert lanes == ["actions", "touchpoints", OFF_JOURNEY_LANE, "emotions"]
    row = layout.lanes[2]
    assert " ".join(row.texts[0].lines) == "Not in the desired journey"
    declined = card(layout, "off-journey", "card_declined")
    support = card(layout, "off-journey", "call_support")
    # card_declined follows pay; call_support follows card_declined, one column further
    assert declined.box.x == card(layout, "touchpoint", "pay").box.x
    assert support.box.x == card(layout, "touchpoint", "confirm").box.x
    for extra in (declined, support):
        assert inside(extra.box, row.box)
    assert declined.texts[0].lines == ("card_declined",)
    assert declined.texts[1].lines == ("3 cases \u00b7 3 times",)
    assert declined.texts[2].lines[0].startswith("after Pay by card (3)")


def test_a_journey_without_touchpoints_gets_them_back_for_the_overlay() -> None:
    data = checkout_journey().model_dump(mode="json")
    data["lanes"] = ["emotions"]
    layout = layout_journey(Journey.model_validate(data), checkout_overlay())
    assert [row.lane for row in layout.lanes] == ["touchpoints", OFF_JOURNEY_LANE, "emotions"]
    without = layout_journey(Journey.model_validate(data))
    assert [row.lane for row in without.lanes] == ["emotions"]


def test_without_an_overlay_nothing_of_it_is_drawn() -> None:
    layout = layout_journey(checkout_journey())
    assert layout.gap is None
    assert Lane.TOUCHPOINTS.value in [row.lane for row in layout.lanes]
    assert OFF_JOURNEY_LANE not in [row.lane for row in layout.lanes]
    assert not [entry for entry in layout.legend if entry.kind.startswith("gap-")]
    assert {arrow.kind for arrow in layout.arrows} == {"flow", "loop"}


def test_the_legend_and_the_heading_explain_the_overlay() -> None:
    layout = checkout_layout()
    kinds = [entry.kind for entry in layout.legend]
    for kind in (
        "gap-taken",
        "gap-unexpected",
        "gap-untaken",
        "gap-reach",
        "gap-drop",
        "gap-skipped",
        "gap-extra",
    ):
        assert kind in kinds
    assert "flow" not in kinds
    summary = layout.heading[-1]
    assert summary.role == "gap-summary"
    assert summary.lines == (
        "Actual journey from ten cases: 10 cases, 40% follow the desired journey (4 of 10)",
    )
    assert "Not in the desired journey: card_declined (3 cases)" in layout.description
    assert "Skipped: Add to cart (1 case)" in layout.description


def test_the_overlay_is_plain_data_for_the_web_app() -> None:
    data = layout_as_dict(checkout_layout())
    statuses = {(e["source"], e["target"]): e["status"] for e in data["gap"]["edges"]}
    assert statuses[("pay", "pay")] == "unexpected"
    assert statuses[("checkout", "cart")] == "untaken"
    assert data["gap"]["steps"][1]["skipped"]["text"]["lines"] == ("Skipped by 1 case",)
    assert json.loads(json.dumps(data))["gap"]["steps"][1]["step"] == "cart"
