"""The evidence on the map: derived emotions with whiskers and n, disagreements, card scores.

Coordinates are worked out by hand from the curve's rules: the baseline sits
EMOTION_TOP + 2 units below the lane's top, one emotion point is 30 user units, negative
is further down.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.layout import layout_journey
from cxmap.model.layout_blocks import ASCENT, MINUS
from cxmap.model.layout_flow import EMOTION_UNIT, EVIDENCE_DX
from cxmap.model.layout_shapes import (
    Card,
    EmotionCurve,
    EmotionPoint,
    EvidenceMark,
    Layout,
    Point,
    Rect,
    TextBlock,
    layout_as_dict,
)
from cxmap.model.text_metrics import text_width
from cxmap.services.evidence_summary_files import read_evidence_summary
from cxmap.services.journey_files import load_journey
from tests.model.test_journey_gap import checkout_journey, checkout_overlay
from tests.model.test_layout import make_journey
from tests.model.test_lint_rules_evidence import derived

JOURNEYS = Path(__file__).parents[1] / "render" / "journeys"


def glasses() -> tuple[Journey, dict[str, StepEvidence]]:
    """tests/render/journeys/evidence_map.yaml and the evidence written for it."""
    journey = load_journey(JOURNEYS / "evidence_map.yaml")
    return journey, read_evidence_summary(JOURNEYS / "evidence_map_evidence.json")


def curve_of(layout: Layout) -> EmotionCurve:
    assert layout.emotion is not None
    return layout.emotion


def point(layout: Layout, step: str) -> EmotionPoint:
    (found,) = [p for p in curve_of(layout).points if p.step_id == step]
    return found


def mark(layout: Layout, step: str) -> EvidenceMark:
    (found,) = [m for m in layout.evidence if m.step_id == step]
    return found


def touchpoint(layout: Layout, step: str) -> Card:
    (found,) = [c for c in layout.cards if c.kind == "touchpoint" and c.ref == step]
    return found


def overlaps(a: Rect, b: Rect) -> bool:
    """Boxes that share more than a hair (texts on consecutive lines touch exactly)."""
    return (
        a.x < b.x + b.w - 0.1
        and b.x < a.x + a.w - 0.1
        and a.y < b.y + b.h - 0.1
        and b.y < a.y + a.h - 0.1
    )


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        outer.x <= inner.x
        and inner.x + inner.w <= outer.x + outer.w + 0.1
        and outer.y <= inner.y
        and inner.y + inner.h <= outer.y + outer.h + 0.1
    )


def text_box(block: TextBlock) -> Rect:
    """The box a text takes, from the same width table the layout wraps with."""
    width = max(text_width(line, block.size, block.bold) for line in block.lines)
    left = {"start": block.x, "middle": block.x - width / 2, "end": block.x - width}[block.anchor]
    top = block.y - (block.line_height - block.size) / 2 - block.size * ASCENT
    return Rect(left, top, width, len(block.lines) * block.line_height)


# --- the derived emotion on the curve --------------------------------------------------------


def test_the_evidence_sits_beside_the_hand_set_point_with_its_interval_as_a_whisker() -> None:
    journey = make_journey(1, 2, [1, -1])
    layout = layout_journey(journey, evidence={"s0-0": derived("s0-0", -0.8, -1.1, -0.5)})
    base = curve_of(layout).baseline_y
    hand_set, found = point(layout, "s0-0"), mark(layout, "s0-0")
    assert (hand_set.value, hand_set.derived) == (1, False)  # the hand-set point stays
    assert found.x == hand_set.x + EVIDENCE_DX
    assert found.y == base + 0.8 * EMOTION_UNIT  # 24 units below the baseline
    assert found.whisker is not None
    top, bottom = found.whisker
    assert (top.x, bottom.x) == (found.x, found.x)
    assert (top.y, bottom.y) == (base + 15, base + 33)  # -0.5 and -1.1
    assert (found.tone, found.n, found.derived) == ("negative", 42, False)


def test_n_is_written_under_the_whisker() -> None:
    layout = layout_journey(
        make_journey(1, 1, [1]), evidence={"s0-0": derived("s0-0", 1, 0.5, 1.5)}
    )
    found = mark(layout, "s0-0")
    assert found.label.lines == ("n=42",)
    assert found.whisker is not None
    box = text_box(found.label)
    assert box.y > found.whisker[1].y  # below the lower end
    assert box.x < found.x < box.right  # and centred on it


def test_a_step_without_an_emotion_takes_the_derived_one_hollow_and_below_the_baseline() -> None:
    journey = make_journey(1, 3, [1, None, 2])
    layout = layout_journey(journey, evidence={"s0-1": derived("s0-1", -1.2, -1.6, -0.8, n=64)})
    curve = curve_of(layout)
    taken = point(layout, "s0-1")
    assert (taken.value, taken.derived, taken.tone) == (-1.2, True, "negative")
    assert taken.y == curve.baseline_y + 36 > curve.baseline_y
    assert taken.icon is not None  # still a pain point: the warning sign under it
    assert taken.icon.kind == "pain"
    found = mark(layout, "s0-1")
    assert (found.x, found.y, found.derived) == (taken.x, taken.y, True)
    assert found.label.lines == ("derived \u00b7 n=64",)
    # the stretches of the curve that reach it are marked derived (drawn dashed), not gaps
    assert [(s.gap, s.derived) for s in curve.segments] == [(False, True), (False, True)]
    assert point(layout, "s0-0").derived is False


def test_an_interval_past_the_scale_is_drawn_to_its_end() -> None:
    layout = layout_journey(
        make_journey(1, 1, [-2]), evidence={"s0-0": derived("s0-0", -1.9, -2.4, -1.4)}
    )
    found = mark(layout, "s0-0")
    assert found.whisker is not None
    assert found.whisker[1].y == curve_of(layout).baseline_y + 2 * EMOTION_UNIT


def test_one_item_gives_a_point_without_a_whisker_and_no_disagreement() -> None:
    layout = layout_journey(
        make_journey(1, 1, [2]), evidence={"s0-0": derived("s0-0", -1.5, None, None, n=1)}
    )
    found = mark(layout, "s0-0")
    assert (found.whisker, found.disagreement, found.flag) == (None, None, None)
    assert found.label.lines == ("n=1",)
    assert text_box(found.label).y > found.y


def test_a_disagreeing_hand_set_emotion_is_joined_to_the_evidence_and_says_so() -> None:
    journey, evidence = glasses()
    layout = layout_journey(journey, evidence=evidence)
    compare = mark(layout, "compare")  # set +1 by hand; the evidence says -0.8 (-1.1..-0.5)
    hand_set = point(layout, "compare")
    assert compare.disagreement == (Point(hand_set.x, hand_set.y), Point(compare.x, compare.y))
    assert compare.flag is not None
    assert (compare.flag.lines, compare.flag.bold) == (("\u2260 hand-set",), True)
    assert text_box(compare.flag).y >= text_box(compare.label).bottom - 0.1
    assert "disagrees with the evidence" in compare.tooltip
    agreeing = mark(layout, "see-ad")  # +1 by hand, 0.9 (0.6..1.2) from 40 items
    assert (agreeing.disagreement, agreeing.flag) == (None, None)
    assert "agrees with the evidence" in agreeing.tooltip


# --- nothing covers anything ------------------------------------------------------------------

EMOTIONS = st.sampled_from([None, -2, -1, -0.5, 0, 1, 2])
MEANS = st.sampled_from([-2, -1.6, -0.8, -0.1, 0, 0.4, 1.3, 2])


@given(st.lists(st.tuples(EMOTIONS, st.none() | MEANS), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_evidence_labels_cover_no_point_label_and_stay_in_their_slot_and_lane(
    steps: list[tuple[float | None, float | None]],
) -> None:
    journey = make_journey(1, len(steps), [emotion for emotion, _ in steps])
    evidence = {
        f"s0-{i}": derived(f"s0-{i}", mean, max(mean - 0.4, -2), min(mean + 0.4, 2), n=1234)
        for i, (_, mean) in enumerate(steps)
        if mean is not None
    }
    layout = layout_journey(journey, evidence=evidence)
    curve = curve_of(layout)
    (lane,) = [row.box for row in layout.lanes if row.lane == "emotions"]
    slot_w = layout.grid.w / len(steps)
    point_labels = [text_box(p.label) for p in curve.points]
    icons = [
        Rect(p.icon.x - p.icon.size / 2, p.icon.y - p.icon.size / 2, p.icon.size, p.icon.size)
        for p in curve.points
        if p.icon
    ]
    # a hand-set point with the ring it gets when it disagrees; a hollow point, stroke and all
    rings = [Rect(p.x - 11, p.y - 11, 22, 22) for p in curve.points if not p.derived]
    rings += [Rect(p.x - 7.5, p.y - 7.5, 15, 15) for p in curve.points if p.derived]
    for found in layout.evidence:
        own = point(layout, found.step_id)
        left = own.x - slot_w / 2
        for block in filter(None, (found.label, found.flag)):
            box = text_box(block)
            obstacles = point_labels + icons + rings
            assert not any(overlaps(box, other) for other in obstacles), found
            assert inside(box, Rect(left, lane.y, slot_w, lane.h)), found
        assert found.tone == (
            "negative" if found.value < 0 else "positive" if found.value else "neutral"
        )
        assert (found.y > curve.baseline_y) == (found.value < 0)


# --- the touchpoint cards ---------------------------------------------------------------------


def test_cards_list_the_scores_with_n_and_badge_a_detected_pain_point() -> None:
    journey, evidence = glasses()
    layout = layout_journey(journey, evidence=evidence)
    compare = touchpoint(layout, "compare")
    texts = [block.lines[0] for block in compare.texts]
    assert texts[-3:] == [
        "Evidence: 42 items",
        f"NPS {MINUS}35 \u00b7 n=30",
        "CSAT 41% \u00b7 n=28",
    ]
    assert [(b.kind, b.text.lines) for b in compare.badges] == [
        ("pain-evidence", ("Pain (evidence)",))
    ]
    pay = touchpoint(layout, "pay")
    assert [block.lines[0] for block in pay.texts][-2:] == [
        "Evidence: 64 items",
        "CES 2.8 of 7 \u00b7 n=50",
    ]
    assert "pain point detected: sentiment, complaint_rise" in pay.tooltip
    see_ad = touchpoint(layout, "see-ad")
    assert [b.kind for b in see_ad.badges] == ["start"]  # no pain detected there
    assert [b.kind for b in touchpoint(layout, "deliver").badges] == []  # no evidence at all


def test_the_evidence_block_sits_between_the_cards_texts_and_badges_inside_the_card() -> None:
    journey, evidence = glasses()
    layout = layout_journey(journey, evidence=evidence)
    cards = [c for c in layout.cards if c.kind == "touchpoint"]
    assert len({card.box.h for card in cards}) == 1  # one row of equal cards
    for card in cards:
        boxes = [text_box(block) for block in card.texts]
        badges = [badge.box for badge in card.badges]
        for k, box in enumerate(boxes):
            assert inside(box, card.box), card.ref
            assert not any(overlaps(box, other) for other in boxes[k + 1 :] + badges), card.ref
        assert all(inside(b, card.box) for b in badges)


def test_with_the_actual_journey_the_scores_sit_above_the_counts() -> None:
    evidence = {
        "cart": derived("cart", -1, -1.5, -0.5, nps={"n": 9, "mean": -10.0, "interval": None})
    }
    layout = layout_journey(checkout_journey(), checkout_overlay(), evidence)
    assert layout.gap is not None
    card = touchpoint(layout, "cart")
    (marks,) = [m for m in layout.gap.steps if m.step == "cart"]
    scores = [text_box(block) for block in card.texts if block.role.startswith("evidence-")]
    assert len(scores) == 2
    assert all(box.y + box.h + 2 <= text_box(marks.reach).y for box in scores)


# --- legend, screen readers, and what is left out ------------------------------------------------


def test_the_legend_and_the_description_explain_the_evidence() -> None:
    journey, evidence = glasses()
    layout = layout_journey(journey, evidence=evidence)
    kinds = [entry.kind for entry in layout.legend]
    assert [k for k in kinds if k.startswith("evidence-")] == [
        "evidence-mark",
        "evidence-derived",
        "evidence-disagree",
        "evidence-pain",
    ]
    assert (
        f"Emotions derived from evidence: Pays with prescription upload ({MINUS}1.2, n=64), "
        "Writes a review (+0.4, n=3)." in layout.description
    )
    assert (
        "The hand-set emotion disagrees with the evidence at: Compares lens options (evidence "
        f"{MINUS}0.8)." in layout.description
    )
    assert (
        "Pain points detected in the evidence: Compares lens options, Pays with prescription "
        "upload." in layout.description
    )


def test_no_evidence_or_evidence_of_unknown_steps_changes_nothing() -> None:
    journey, _ = glasses()
    plain = layout_journey(journey)
    assert layout_journey(journey, evidence={}) == plain
    assert layout_journey(journey, evidence={"gone": derived("gone", -2, -2, -1.5)}) == plain
    assert plain.evidence == ()
    assert not any(p.derived for p in curve_of(plain).points)


def test_the_evidence_is_plain_data_for_the_web_app() -> None:
    journey, evidence = glasses()
    data = json.loads(json.dumps(layout_as_dict(layout_journey(journey, evidence=evidence))))
    marks = {item["step_id"]: item for item in data["evidence"]}
    assert set(marks) == {"see-ad", "compare", "pay", "unbox", "review"}
    assert marks["pay"]["derived"] is True
    assert marks["unbox"]["whisker"] is None
