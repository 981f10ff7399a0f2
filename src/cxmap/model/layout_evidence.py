"""What the evidence says, drawn on the map: derived emotions, their intervals, the scores.

A CX team should see at a glance where the map is measured and where it is assumed, and
never through colour alone: the emotion derived from evidence is a diamond (or, standing in
for a missing hand-set emotion, a hollow point on a dashed stretch of the curve) with its
95 % interval as a whisker and `n=` under it; where the hand-set emotion disagrees, a
dashed ring and a line join the two and the words `≠ hand-set` say so. Each touchpoint card
lists the evidence's NPS, CSAT and CES with their n and carries a `Pain (evidence)` badge
where the evidence detects a pain point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cxmap.model.evidence import MeanWithInterval, StepEvidence
from cxmap.model.evidence_stats import emotion_disagreement
from cxmap.model.journey import Journey, Step
from cxmap.model.layout_blocks import (
    ASCENT,
    CARD_PAD_X,
    MINUS,
    SMALL,
    badge,
    label_width,
    line_height,
    r,
    signed,
    text_block,
    tone_of,
)
from cxmap.model.layout_flow import EMOTION_UNIT, EVIDENCE_DX
from cxmap.model.layout_gap import count_text
from cxmap.model.layout_shapes import (
    Anchor,
    Card,
    EmotionCurve,
    EmotionPoint,
    EvidenceMark,
    Point,
    TextBlock,
)

MARK_GAP = 3.0  # between the whisker's (or the point's) lower end and `n=`
POINT_R = 6.0  # the curve's points, for where `n=` goes when there is no whisker
DERIVED_LABEL_DX = 7.0  # `derived · n=` starts right of the whisker's caps
BLOCK_GAP = 6.0  # above a card's evidence block
BLOCK_BELOW = 3.0  # between the block and what follows it (badges, the actual journey's counts)
LANE_EXTRA = 12.0  # below -2 in the emotion lane, for `n=` and `≠ hand-set` under a whisker
BADGE_H = 16.0
PAIN_BADGE = "Pain (evidence)"
DISAGREE_TEXT = "\u2260 hand-set"


def evidence_marks(
    journey: Journey, curve: EmotionCurve, evidence: Mapping[str, StepEvidence], slot_w: float
) -> tuple[EvidenceMark, ...]:
    """A mark for every point of the curve whose step has an emotion derived from evidence;
    each stays in its step's column, `slot_w` wide and centred on the point."""
    steps = {step.id: step for step in journey.steps()}
    marks = (
        _mark(point, steps[point.step_id], evidence[point.step_id], curve.baseline_y, slot_w)
        for point in curve.points
        if point.step_id in evidence
    )
    return tuple(mark for mark in marks if mark is not None)


def _y(baseline: float, value: float) -> float:
    """On the curve's scale; an interval reaching past -2..2 is drawn to the scale's end."""
    return r(baseline - min(max(value, -2.0), 2.0) * EMOTION_UNIT)


def _mark(
    point: EmotionPoint, step: Step, found: StepEvidence, baseline: float, slot_w: float
) -> EvidenceMark | None:
    derived = found.emotion
    if derived is None:
        return None
    x = point.x if point.derived else r(point.x + EVIDENCE_DX)
    y = point.y if point.derived else _y(baseline, derived.mean)
    whisker = None
    if derived.interval is not None:
        whisker = (
            Point(x, _y(baseline, derived.interval.high)),
            Point(x, _y(baseline, derived.interval.low)),
        )
    top = max(whisker[1].y if whisker else y, y + POINT_R) + MARK_GAP
    label = _n_label(point, x, top, derived.n, point.x + slot_w / 2)
    disagreement, flag = None, None
    if emotion_disagreement(step, found) is not None:
        disagreement = (Point(point.x, point.y), Point(x, y))
        flag = _line(x, top + line_height(SMALL), DISAGREE_TEXT, "disagree", bold=True)
    return EvidenceMark(
        step_id=point.step_id,
        x=x,
        y=y,
        value=derived.mean,
        n=derived.n,
        tone=tone_of(derived.mean),
        derived=point.derived,
        whisker=whisker,
        label=label,
        disagreement=disagreement,
        flag=flag,
        tooltip=_mark_tooltip(step.emotion, derived, disagreement is not None),
    )


def _n_label(point: EmotionPoint, x: float, top: float, n: int, slot_right: float) -> TextBlock:
    """`n=42` centred under a diamond; beside a derived point's whisker (its own label is on
    the left) `derived · n=42`, or just `n=` when the column has no room for more."""
    count = count_text(n)
    if not point.derived:
        return _line(x, top, f"n={count}", "evidence-n")
    room = slot_right - 2 - (x + DERIVED_LABEL_DX)
    texts = [f"derived \u00b7 n={count}", f"n={count}"]
    text = next((t for t in texts if label_width(t, SMALL) <= room), texts[-1])
    return _line(x + DERIVED_LABEL_DX, top, text, "evidence-n", centred=False)


def _line(
    x: float, top: float, text: str, role: str, *, centred: bool = True, bold: bool = False
) -> TextBlock:
    """One line of small text whose box starts at `top`, centred on `x` or starting there."""
    height = line_height(SMALL)
    baseline = top + (height - SMALL) / 2 + SMALL * ASCENT
    anchor: Anchor = "middle" if centred else "start"
    return TextBlock(r(x), r(baseline), (text,), SMALL, height, role, bold, anchor)


def _mark_tooltip(hand_set: float | None, derived: MeanWithInterval, disagree: bool) -> str:
    text = f"Emotion from evidence {emotion_text(derived)}"
    if hand_set is None:
        return text + "; none set by hand, so the curve uses it"
    verdict = "disagrees with the evidence" if disagree else "agrees with the evidence"
    return text + f"; set by hand {signed(hand_set)}, which {verdict}"


def emotion_text(derived: MeanWithInterval) -> str:
    """`-0.8 (95 % interval -1.1 to -0.5, n=42)` for people: one decimal, real minus signs."""
    if derived.interval is None:
        return f"{signed(derived.mean)} (n={derived.n:,}, too few for an interval)"
    low, high = signed(derived.interval.low), signed(derived.interval.high)
    return f"{signed(derived.mean)} (95 % interval {low} to {high}, n={derived.n:,})"


# --- the touchpoint cards ------------------------------------------------------------------


def score_lines(found: StepEvidence) -> list[str]:
    """The survey scores the evidence gives the step, each with its n."""
    lines = []
    if found.nps is not None:
        lines.append(f"NPS {_whole(found.nps.mean)} \u00b7 n={found.nps.n:,}")
    if found.csat is not None:
        lines.append(f"CSAT {found.csat.mean:.0f}% \u00b7 n={found.csat.n:,}")
    if found.ces is not None:
        lines.append(f"CES {found.ces.mean:.1f} of 7 \u00b7 n={found.ces.n:,}")
    return lines


def _whole(value: float) -> str:
    """A signed whole number with a real minus sign: `+12`, `-20` (U+2212), `0`."""
    number = round(value)
    return f"+{number}" if number > 0 else f"{MINUS}{-number}" if number < 0 else "0"


def _block_lines(found: StepEvidence) -> list[tuple[str, str]]:
    items = "1 item" if found.items == 1 else f"{found.items:,} items"
    return [(f"Evidence: {items}", "evidence-count")] + [
        (line, "evidence-score") for line in score_lines(found)
    ]


def _block_height(found: StepEvidence) -> float:
    lines = len(_block_lines(found)) * line_height(SMALL)
    return lines + (4 + BADGE_H if found.pain else 0)


def evidence_room(journey: Journey, evidence: Mapping[str, StepEvidence]) -> float:
    """The room every touchpoint card keeps for its evidence block (0 without evidence)."""
    heights = [_block_height(evidence[s.id]) for s in journey.steps() if s.id in evidence]
    return r(max(heights) + BLOCK_GAP + BLOCK_BELOW) if heights else 0.0


def with_evidence(
    cards: tuple[Card, ...], evidence: Mapping[str, StepEvidence], room: float, below: float
) -> tuple[Card, ...]:
    """Touchpoint cards with their evidence block in the `room` kept `below` above the bottom."""
    return tuple(
        _with_block(card, evidence[card.ref], card.box.bottom - below - room + BLOCK_GAP)
        if card.kind == "touchpoint" and card.ref in evidence
        else card
        for card in cards
    )


def _with_block(card: Card, found: StepEvidence, top: float) -> Card:
    x = card.box.x + CARD_PAD_X
    inner = card.box.w - 2 * CARD_PAD_X
    texts = list(card.texts)
    y = top
    for text, role in _block_lines(found):
        block, height = text_block(x, y, text, inner, SMALL, role, max_lines=1)
        texts.append(block)
        y += height
    badges = card.badges
    if found.pain:
        badges = (*badges, badge(x, y + 4, PAIN_BADGE, "pain-evidence"))
    tooltip = "\n".join(part for part in (card.tooltip or card_summary(card), block_tooltip(found)))
    return replace(card, texts=tuple(texts), badges=badges, tooltip=tooltip)


def card_summary(card: Card) -> str:
    return "\n".join(line for block in card.texts for line in block.lines)


def block_tooltip(found: StepEvidence) -> str:
    parts = [f"Evidence: {found.items:,} items"]
    if found.emotion is not None:
        parts.append(f"emotion {emotion_text(found.emotion)}")
    parts += score_lines(found)
    if found.pain:
        parts.append("pain point detected: " + ", ".join(r.value for r in found.pain))
    return "\n".join(parts)


# --- legend and screen readers ----------------------------------------------------------------


def evidence_legend(
    marks: tuple[EvidenceMark, ...], cards: tuple[Card, ...]
) -> list[tuple[str, str]]:
    """Legend entries (kind, label) for what the evidence drew."""
    entries = []
    if any(not mark.derived for mark in marks):
        entries.append(("evidence-mark", "Emotion from evidence: mean, 95 % interval, n items"))
    if any(mark.derived for mark in marks):
        entries.append(("evidence-derived", "No emotion set by hand: the evidence's, hollow"))
    if any(mark.disagreement for mark in marks):
        entries.append(("evidence-disagree", "Hand-set emotion disagrees with the evidence"))
    if any(b.kind == "pain-evidence" for card in cards for b in card.badges):
        entries.append(("evidence-pain", "Pain point detected in the evidence"))
    return entries


def evidence_description(
    journey: Journey, marks: tuple[EvidenceMark, ...], evidence: Mapping[str, StepEvidence]
) -> str:
    """What a screen reader hears about the evidence, after the journey's own summary."""
    names = {step.id: step.name for step in journey.steps()}
    text = ""
    derived = [m for m in marks if m.derived]
    if derived:
        listed = ", ".join(f"{names[m.step_id]} ({signed(m.value)}, n={m.n:,})" for m in derived)
        text += f" Emotions derived from evidence: {listed}."
    disagreeing = [m for m in marks if m.disagreement]
    if disagreeing:
        listed = ", ".join(f"{names[m.step_id]} (evidence {signed(m.value)})" for m in disagreeing)
        text += f" The hand-set emotion disagrees with the evidence at: {listed}."
    pains = [names[s] for s in names if s in evidence and evidence[s].pain]
    if pains:
        text += f" Pain points detected in the evidence: {', '.join(pains)}."
    return text
