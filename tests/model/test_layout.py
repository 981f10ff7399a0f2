"""Geometry of the map layout: where pain points, columns, lanes, arrows and texts end up."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmap.model.journey import Journey, Lane
from cxmap.model.layout import lane_order, layout_journey
from cxmap.model.layout_blocks import BODY, MIN_WIDTH
from cxmap.model.layout_shapes import Card, Layout, Rect, layout_as_dict
from cxmap.model.text_metrics import text_width


def make_journey(
    stages: int,
    steps: int,
    emotions: list[float | None] | None = None,
    **extra: Any,
) -> Journey:
    """`stages` x `steps` journey; emotions given in step order (default: none)."""
    values = iter(emotions or [])
    data: dict[str, Any] = {
        "id": "j",
        "title": "Generated",
        "stages": [
            {
                "id": f"stage-{s}",
                "name": f"Stage {s}",
                "steps": [
                    {"id": f"s{s}-{t}", "name": f"Step {s}.{t}", "emotion": next(values, None)}
                    for t in range(steps)
                ],
            }
            for s in range(stages)
        ],
    }
    data.update(extra)
    return Journey.model_validate(data)


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def cards_of(layout: Layout, kind: str) -> list[Card]:
    return [card for card in layout.cards if card.kind == kind]


# --- the emotion curve ----------------------------------------------------------------------


@given(st.lists(st.sampled_from([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]), min_size=1, max_size=12))
@settings(max_examples=40, deadline=None)
def test_negative_emotions_sit_below_the_baseline_and_positive_above(emotions: list[float]) -> None:
    layout = layout_journey(make_journey(1, len(emotions), list(emotions)))
    curve = layout.emotion
    assert curve is not None
    assert [point.value for point in curve.points] == emotions
    for point in curve.points:
        if point.value < 0:  # SVG y grows downwards: below means a larger y
            assert point.y > curve.baseline_y
            assert point.tone == "negative"
            assert point.icon is not None
            assert point.icon.kind == "pain"
            assert point.icon.y > point.y  # the warning sign hangs under the point
        elif point.value > 0:
            assert point.y < curve.baseline_y
            assert point.tone == "positive"
            assert point.icon is None
        else:
            assert point.y == curve.baseline_y
    # a stronger feeling lies further from the baseline
    by_value = sorted(curve.points, key=lambda p: p.value)
    assert [p.y for p in by_value] == sorted((p.y for p in by_value), reverse=True)


def test_each_point_sits_in_the_middle_of_its_steps_card() -> None:
    layout = layout_journey(make_journey(2, 3, [1, -1, 0, 2, -2, None]))
    assert layout.emotion is not None
    cards = {card.ref: card.box for card in cards_of(layout, "touchpoint")}
    for point in layout.emotion.points:
        box = cards[point.step_id]
        assert point.x == pytest.approx(box.x + box.w / 2, abs=0.2)


def test_a_step_without_emotion_leaves_a_gap_segment_in_the_curve() -> None:
    layout = layout_journey(make_journey(1, 4, [1, None, -1, 2]))
    assert layout.emotion is not None
    assert [p.step_id for p in layout.emotion.points] == ["s0-0", "s0-2", "s0-3"]
    assert [s.gap for s in layout.emotion.segments] == [True, False]


def test_pain_point_lane_lists_a_negative_step_even_without_an_insight() -> None:
    layout = layout_journey(make_journey(1, 2, [1, -1]))
    pains = cards_of(layout, "pain")
    assert [card.ref for card in pains] == ["s0-1"]
    assert pains[0].tone == "negative"
    assert pains[0].icon is not None
    assert pains[0].icon.kind == "pain"


# --- columns and lanes ----------------------------------------------------------------------


@pytest.mark.parametrize(("stages", "steps"), [(1, 1), (1, 3), (7, 2), (50, 1), (50, 3)])
def test_stage_columns_follow_each_other_without_overlapping(stages: int, steps: int) -> None:
    layout = layout_journey(make_journey(stages, steps))
    columns = [stage.column for stage in layout.stages]
    assert len(columns) == stages
    for left, right in itertools.pairwise(columns):
        assert left.right <= right.x
    assert columns[0].x == layout.grid.x
    assert columns[-1].right == pytest.approx(layout.grid.right, abs=0.2)
    assert layout.width >= layout.grid.right


@pytest.mark.parametrize(("stages", "steps"), [(1, 2), (50, 2)])
def test_no_two_cards_overlap_and_each_stays_in_its_stage(stages: int, steps: int) -> None:
    journey = make_journey(stages, steps, [(-1) ** i for i in range(stages * steps)])
    layout = layout_journey(journey)
    boxes = [card.box for card in layout.cards]
    by_x = sorted(boxes, key=lambda box: box.x)
    for index, box in enumerate(by_x):
        for other in by_x[index + 1 :]:
            if other.x >= box.right:
                break
            assert not overlaps(box, other)
    stage_of = {step.id: i for i, stage in enumerate(journey.stages) for step in stage.steps}
    for card in cards_of(layout, "touchpoint"):
        column = layout.stages[stage_of[card.ref]].column
        assert column.x <= card.box.x
        assert card.box.right <= column.right


def test_one_stage_fills_a_readable_canvas() -> None:
    layout = layout_journey(make_journey(1, 1, [1]))
    assert layout.width >= MIN_WIDTH
    assert layout.grid.right == pytest.approx(layout.width - 32, abs=0.2)
    (card,) = cards_of(layout, "touchpoint")
    assert card.box.w >= 180


def test_fifty_stages_keep_cards_and_text_at_a_legible_size() -> None:
    layout = layout_journey(make_journey(50, 2, [1, -1] * 50))
    touchpoints = cards_of(layout, "touchpoint")
    assert len(touchpoints) == 100
    assert min(card.box.w for card in touchpoints) >= 180
    sizes = {block.size for card in layout.cards for block in card.texts}
    assert min(sizes) >= 11
    assert all(len(stage.texts[1].lines) >= 1 for stage in layout.stages)  # every name shown
    assert layout.width > 100 * 180  # the canvas grows instead of squeezing


def test_lanes_below_the_line_of_visibility_come_last() -> None:
    lanes = [Lane.BACKSTAGE, Lane.ACTIONS, Lane.SUPPORT, Lane.EMOTIONS]
    journey = make_journey(1, 1, [1], lanes=[lane.value for lane in lanes])
    assert lane_order(journey) == [Lane.ACTIONS, Lane.EMOTIONS, Lane.BACKSTAGE, Lane.SUPPORT]
    layout = layout_journey(journey)
    assert [row.lane for row in layout.lanes] == ["actions", "emotions", "backstage", "support"]
    assert layout.visibility is not None
    visible = [row for row in layout.lanes if not row.below_visibility]
    hidden = [row for row in layout.lanes if row.below_visibility]
    assert max(row.box.bottom for row in visible) <= layout.visibility.y
    assert min(row.box.y for row in hidden) >= layout.visibility.y


def test_no_line_of_visibility_without_backstage_lanes() -> None:
    layout = layout_journey(make_journey(1, 1, lanes=["touchpoints", "emotions"]))
    assert layout.visibility is None
    assert [row.lane for row in layout.lanes] == ["touchpoints", "emotions"]


def test_lane_items_show_who_does_them() -> None:
    journey = Journey.model_validate(
        {
            "id": "j",
            "title": "T",
            "stakeholders": [{"id": "crew", "name": "Install crew", "kind": "partner"}],
            "stages": [
                {
                    "id": "a",
                    "name": "A",
                    "lanes": {"support": ["Stage-wide system"]},
                    "steps": [
                        {
                            "id": "x",
                            "name": "X",
                            "lanes": {"backstage": [{"text": "Fits the socket", "by": "crew"}]},
                        }
                    ],
                }
            ],
        }
    )
    layout = layout_journey(journey)
    (backstage,) = cards_of(layout, "backstage")
    assert backstage.texts[0].lines == ("Fits the socket",)
    assert backstage.texts[1].lines == ("by Install crew (partner)",)
    (support,) = cards_of(layout, "support")
    assert support.ref == "a"  # anchored to the stage, as wide as the stage column
    assert support.box.w == pytest.approx(layout.stages[0].column.w - 18, abs=0.2)


# --- branches, loops, final steps -----------------------------------------------------------


def branching_journey() -> Journey:
    steps = [
        {"id": "a", "name": "A", "next": ["b", "d"]},
        {"id": "b", "name": "B", "next": ["c"]},
        {"id": "c", "name": "C", "next": ["a", "c", "d"]},
        {"id": "d", "name": "D", "final": True},
    ]
    return Journey.model_validate(
        {"id": "j", "title": "T", "stages": [{"id": "s", "name": "S", "steps": steps}]}
    )


def test_next_steps_become_flow_branch_and_loop_arrows() -> None:
    layout = layout_journey(branching_journey())
    kinds = {(a.source, a.target): a.kind for a in layout.arrows}
    assert kinds == {
        ("a", "b"): "flow",
        ("a", "d"): "branch",
        ("b", "c"): "flow",
        ("c", "a"): "loop",
        ("c", "c"): "loop",
        ("c", "d"): "flow",
    }
    cards = {card.ref: card.box for card in cards_of(layout, "touchpoint")}
    top = min(box.y for box in cards.values())
    bottom = max(box.bottom for box in cards.values())
    for arrow in layout.arrows:
        source, target = cards[arrow.source], cards[arrow.target]
        start, end = arrow.points[0], arrow.points[-1]
        if arrow.kind == "flow":  # from the right edge of one card to the left edge of the next
            assert (start.x, end.x) == (source.right, target.x)
            assert start.y == end.y
        elif arrow.kind == "branch":  # over the cards, into the target's top
            assert all(p.y <= top for p in arrow.points)
            assert end.y == target.y
            assert target.x < end.x < target.right
        else:  # loops run under the cards, into the target's bottom
            assert all(p.y >= bottom for p in arrow.points)
            assert end.y == target.bottom
            assert target.x < end.x < target.right
    loops = [a for a in layout.arrows if a.kind == "loop"]
    assert loops[0].points[1].y != loops[1].points[1].y  # overlapping loops get their own track


def test_start_and_final_steps_carry_badges() -> None:
    layout = layout_journey(branching_journey())
    badges = {card.ref: [b.text.lines[0] for b in card.badges] for card in layout.cards}
    assert badges["a"] == ["Start"]
    assert badges["d"] == ["End"]
    assert badges["b"] == []


# --- text -----------------------------------------------------------------------------------


def narrow_steps(name: str) -> Journey:
    """A journey whose first step is called `name`, with columns at their narrowest."""
    steps = [{"id": "x", "name": name}] + [{"id": f"y{i}", "name": "Y"} for i in range(4)]
    return Journey.model_validate(
        {"id": "j", "title": "T", "stages": [{"id": "s", "name": "S", "steps": steps}]}
    )


def test_long_text_wraps_within_its_card_and_is_cut_with_an_ellipsis() -> None:
    long_name = "Calls the service desk " * 12
    (card, *_) = cards_of(layout_journey(narrow_steps(long_name)), "touchpoint")
    title = card.texts[0]
    assert len(title.lines) == 3
    assert title.lines[-1].endswith("…")
    assert title.full_text == long_name.strip()
    room = card.box.w - 20
    assert all(text_width(line, BODY, bold=True) <= room for line in title.lines)
    assert long_name.strip() in card.tooltip


def test_cjk_and_emoji_names_wrap_without_spaces() -> None:
    name = "お客様がスマートフォンで注文内容を確認して支払いを完了する 🛒👍🏽"
    (card, *_) = cards_of(layout_journey(narrow_steps(name)), "touchpoint")
    lines = card.texts[0].lines
    assert len(lines) >= 2
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    assert all(text_width(line, BODY, bold=True) <= card.box.w - 20 for line in lines)


# --- the layout as data ---------------------------------------------------------------------


def test_layout_is_deterministic_and_serialisable() -> None:
    journey = branching_journey()
    first, second = layout_journey(journey), layout_journey(journey)
    assert first == second
    data = json.loads(json.dumps(layout_as_dict(first)))
    assert data["width"] == first.width
    assert {card["ref"] for card in data["cards"]} >= {"a", "b", "c", "d"}
    numbers = [v for v in _leaves(data) if isinstance(v, float)]
    assert all(round(v, 1) == v for v in numbers)  # one decimal at most


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_a_journey_without_stages_still_has_a_layout() -> None:
    layout = layout_journey(Journey.model_validate({"id": "j", "title": "Empty"}))
    assert layout.stages == ()
    assert layout.cards == ()
    assert layout.width >= MIN_WIDTH
    assert layout.emotion is not None
    assert layout.emotion.points == ()


def test_accessible_texts_come_from_the_journey_or_are_summarised() -> None:
    described = make_journey(1, 1, accessible_title="Short", accessible_description="Says it all")
    assert (layout_journey(described).title, layout_journey(described).description) == (
        "Short",
        "Says it all",
    )
    summary = layout_journey(make_journey(2, 2, [1, -1, 0, -2])).description
    assert summary.startswith(
        "Journey map of Generated: 2 stages (Stage 0, Stage 1), 4 touchpoints."
    )
    assert "Pain points, below the emotional baseline: Step 0.1, Step 1.1." in summary
