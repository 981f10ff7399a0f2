"""The actual journey laid over the desired one: weighted moves, counts on the steps, and a
lane for what customers do that the desired journey lacks.

A CX team should see the gap at a glance, and never through colour alone: a move's width
and number say how many cases make it; moves the desired journey does not allow are dashed,
coloured and say so in their label; moves nobody makes are thin and dotted; each step card
says how many reach it (with a bar), how many stop there, and how many skip it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cxmap.model.journey import Journey
from cxmap.model.journey_gap import GapOverlay, MoveTraffic, OffJourneyActivity, StepTraffic
from cxmap.model.layout_blocks import (
    BODY,
    CARD_GAP,
    CARD_PAD_X,
    CARD_PAD_Y,
    ROW_PAD,
    SMALL,
    Columns,
    badge,
    label_width,
    line_height,
    one_line,
    r,
    text_block,
)
from cxmap.model.layout_flow import arrows, plan_flow
from cxmap.model.layout_lanes import BADGE_ROOM, LaneContent, step_cards
from cxmap.model.layout_shapes import (
    Arrow,
    Badge,
    Card,
    GapDrawing,
    GapEdge,
    Icon,
    OutcomeKind,
    Point,
    Rect,
    StepMarks,
    TextBlock,
)

GAP_PAD = 24.0  # card to column edge: the gap between two cards holds a move's count
GAP_TRACK = 26.0  # between tracks of moves above and below the cards: widest line plus pill
THIN = 1.5  # a move made by (almost) no case
THICK = 12.0  # a move made by every case
MARKS_H = 46.0  # the counts at the bottom of a step card, above its badges
PILL = 10.0  # font size of a move's count
PILL_H = 15.0
OFF_JOURNEY_LANE = "off_journey"
OFF_JOURNEY_TITLE = ("Not in the desired journey", "What customers do that no step covers")


@dataclass(frozen=True, slots=True)
class GapRow:
    """The touchpoint row with the actual journey over it."""

    cards: tuple[Card, ...]
    drawing: GapDrawing
    height: float  # of the content (tracks, cards), without the row padding


def count_text(value: int) -> str:
    """`1,524`, `12.3k`, `456k`, `1.2M`: short enough for the gap between two cards."""
    if value < 10_000:
        return f"{value:,}"
    if value < 100_000:
        return f"{value / 1000:.1f}k"
    if value < 1_000_000:
        return f"{value // 1000}k"
    return f"{value / 1_000_000:.1f}M"


def percent(share: float) -> str:
    """Whole percents, halves rounded up as people do (12.5 % is 13 %), and never a
    misleading 0 % or 100 % for a share that is neither."""
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{math.floor(share * 100 + 0.5)}%"


def cases_text(value: int) -> str:
    return f"{value:,} case" if value == 1 else f"{value:,} cases"


def move_width(cases: int, total: int) -> float:
    """Line width by cases on a square-root scale: small flows stay visible, big ones do not
    swamp the map; every case of the log on one move gives the thickest line."""
    if total <= 0 or cases <= 0:
        return THIN
    return r(THIN + (THICK - THIN) * math.sqrt(min(cases, total) / total))


def gap_touchpoints(
    journey: Journey, columns: Columns, top: float, overlay: GapOverlay, room: float = 0.0
) -> GapRow:
    """Step cards with their counts, and every move as customers made it; each card keeps
    `room` free above its counts (for the evidence's scores)."""
    unexpected = [(m.source, m.target) for m in overlay.moves if m.status == "unexpected"]
    plan = plan_flow(journey, columns, unexpected)
    above = plan.tracks_above * GAP_TRACK + (PILL_H / 2 + 4 if plan.tracks_above else 0)
    below = plan.tracks_below * GAP_TRACK + (PILL_H / 2 + 4 if plan.tracks_below else 0)
    cards_top = r(top + ROW_PAD + above)
    content = step_cards(journey, columns, cards_top, MARKS_H + room)
    moves = {(move.source, move.target): move for move in overlay.moves}
    names = {step.id: step.name for step in journey.steps()}
    lines = arrows(plan, columns, cards_top, content.height, GAP_TRACK)
    edges = [_edge(line, moves[(line.source, line.target)], overlay.cases, names) for line in lines]
    edges = _labelled(edges, content.cards, columns)
    marks = tuple(
        _marks(card, overlay.step(card.ref), overlay.cases)
        for card in content.cards
        if card.kind == "touchpoint"
    )
    drawing = GapDrawing(tuple(edges), marks)
    return GapRow(content.cards, drawing, r(content.height + above + below))


def _edge(line: Arrow, move: MoveTraffic, total: int, names: dict[str, str]) -> GapEdge:
    """The move's polyline, ending in a head as wide as the line needs."""
    width = THIN if move.status == "untaken" else move_width(move.cases, total)
    *body, before, tip = line.points
    dx = (tip.x > before.x) - (tip.x < before.x)
    dy = (tip.y > before.y) - (tip.y < before.y)
    length, half = 7 + width * 0.8, width / 2 + 4
    base = (tip.x - dx * length, tip.y - dy * length)
    end = Point(r(base[0] + dx * 0.5), r(base[1] + dy * 0.5))  # tucked under the head
    head = (
        tip,
        Point(r(base[0] - dy * half), r(base[1] + dx * half)),
        Point(r(base[0] + dy * half), r(base[1] - dx * half)),
    )
    what = {
        "taken": "a move of the desired journey",
        "untaken": "a move of the desired journey that no case makes",
        "unexpected": "not in the desired journey",
    }[move.status]
    tooltip = (
        f"{names[move.source]} \u2192 {names[move.target]}: {cases_text(move.cases)}"
        f" ({move.count:,} times), {what}"
    )
    return GapEdge(
        kind=line.kind,
        status=move.status,
        source=move.source,
        target=move.target,
        cases=move.cases,
        width=width,
        points=(*body, before, end),
        head=head,
        label=None,
        tooltip=tooltip,
    )


def _label_texts(edge: GapEdge) -> list[str]:
    """Longest first: the map uses the first that fits without covering anything."""
    count = count_text(edge.cases)
    if edge.status == "unexpected":
        return [f"{count} \u00b7 not in the desired journey", f"{count} \u00b7 not desired", count]
    if edge.status == "untaken":
        return ["no cases", "0"]
    return [count]


def _pills(edge: GapEdge, text: str, columns: Columns) -> list[Badge]:
    """Pills with `text` where they may go, best first: over a flow's line between two
    cards; on a track's line, at its middle, then further out along it."""
    width = label_width(text, PILL, bold=True) + 10
    if edge.kind == "flow":
        start, end = edge.points[0], edge.head[0]
        top = start.y - edge.width / 2 - 3 - PILL_H
        return [_pill(edge, text, (start.x + end.x) / 2, top, width)]
    left, right = sorted((edge.points[1].x, edge.points[2].x))
    slots = sorted(columns.step_slot[step] for step in (edge.source, edge.target))
    low, high = (
        columns.slot_x(slots[0]) + 2 + width / 2,
        columns.slot_x(slots[1] + 1) - 2 - width / 2,
    )
    middle = (left + right) / 2
    shifts = [0.0]
    for step in range(1, int((right - left) / 2 / 16) + 1):
        shifts += [-16.0 * step, 16.0 * step]
    top = edge.points[1].y - PILL_H / 2
    centers = dict.fromkeys(r(min(max(middle + shift, low), high)) for shift in shifts)
    return [_pill(edge, text, center, top, width) for center in centers]


def _pill(edge: GapEdge, text: str, center: float, top: float, width: float) -> Badge:
    box = Rect(r(center - width / 2), r(top), r(width), PILL_H)
    label = TextBlock(
        r(center), r(top + 11), (text,), PILL, 13.0, f"gap-label-{edge.status}", True, "middle"
    )
    return Badge(box, label, edge.status)


def _segments(edge: GapEdge) -> list[Rect]:
    """The rectangles the edge's line covers, as wide as the line."""
    rects = []
    half = edge.width / 2
    for a, b in zip(edge.points, edge.points[1:], strict=False):
        x1, x2 = sorted((a.x, b.x))
        y1, y2 = sorted((a.y, b.y))
        rects.append(Rect(x1 - half, y1 - half, x2 - x1 + edge.width, y2 - y1 + edge.width))
    return rects


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _labelled(edges: list[GapEdge], cards: tuple[Card, ...], columns: Columns) -> list[GapEdge]:
    """Each edge with the longest label that covers no card, no other line, no other label."""
    segments = [_segments(edge) for edge in edges]
    placed: list[Rect] = []
    result = []
    for index, edge in enumerate(edges):
        others = [rect for k, rects in enumerate(segments) if k != index for rect in rects]
        blocked = [card.box for card in cards] + others
        texts = _label_texts(edge)
        candidates = [pill for text in texts for pill in _pills(edge, text, columns)]
        pill = next(
            (
                candidate
                for candidate in candidates
                if not any(_overlaps(candidate.box, rect) for rect in [*blocked, *placed])
            ),
            _pills(edge, texts[-1], columns)[0],
        )
        placed.append(pill.box)
        result.append(replace(edge, label=pill))
    return result


def _marks(card: Card, traffic: StepTraffic | None, total: int) -> StepMarks:
    """Reach (text and bar), drop-off or finish, and a skip badge, at the card's bottom."""
    x = card.box.x + CARD_PAD_X
    inner = card.box.w - 2 * CARD_PAD_X
    top = card.box.bottom - BADGE_ROOM - MARKS_H
    cases = traffic.cases if traffic else 0
    share = traffic.share if traffic else 0.0
    reach_text = f"{cases_text(cases)} \u00b7 {percent(share)}" if cases else "no case gets here"
    reach = one_line(x, top, reach_text, SMALL, "reach")
    bar = Rect(r(x), r(top + 17), r(inner), 5.0)
    fill = Rect(r(x), r(top + 17), r(inner * min(share, 1.0)), 5.0)
    kind, texts = _outcome(traffic)
    indent = 14 if kind == "drop" else 0
    text = next((t for t in texts if label_width(t, SMALL, True) <= inner - indent), texts[-1])
    outcome = one_line(x + indent, top + 27, text, SMALL, f"outcome-{kind}", bold=kind == "drop")
    middle = top + 27 + line_height(SMALL) / 2
    icon = Icon("drop", r(x + 5), r(middle), 11.0) if kind == "drop" else None
    return StepMarks(card.ref, reach, bar, fill, outcome, kind, icon, _skip_badge(card, traffic))


def _outcome(traffic: StepTraffic | None) -> tuple[OutcomeKind, list[str]]:
    if traffic and traffic.drop_off:
        count, share = f"{traffic.drop_off:,}", percent(traffic.drop_off_share)
        return "drop", [f"{count} drop off ({share})", f"{count} drop off", count]
    if traffic and traffic.finished:
        return "finish", [f"{traffic.finished:,} finish here", f"{traffic.finished:,} finish"]
    return "none", ["no drop-off"]


def _skip_badge(card: Card, traffic: StepTraffic | None) -> Badge | None:
    if not traffic or not traffic.skipped_by:
        return None
    x = card.badges[-1].box.right + 5 if card.badges else card.box.x + 10
    room = card.box.right - 8 - x
    count = f"{traffic.skipped_by:,}"
    made = None
    for text in (f"Skipped by {cases_text(traffic.skipped_by)}", f"Skipped by {count}", count):
        made = badge(x, card.box.bottom - 16 - 8, text, "skipped")
        if made.box.w <= room:
            break
    assert made is not None
    return replace(made, text=replace(made.text, role="skip-badge"))


def off_journey_cards(overlay: GapOverlay, columns: Columns, top: float) -> LaneContent:
    """Cards of the activities the desired journey lacks, under the step they follow.

    Those that follow no step (a log whose activities hardly match the journey) fill the
    columns from the left, so they read as a list rather than one tall pile.
    """
    last = max(columns.slots - 1, 0)
    by_slot: dict[int, list[OffJourneyActivity]] = {}
    loose = 0
    for extra in overlay.extras:
        if extra.anchor is None or extra.anchor not in columns.step_slot:
            slot, loose = loose % (last + 1), loose + 1
        else:
            slot = min(max(columns.step_slot[extra.anchor] + extra.depth, 0), last)
        by_slot.setdefault(slot, []).append(extra)
    cards: list[Card] = []
    tallest = 0.0
    for slot in sorted(by_slot):
        y = top + ROW_PAD
        for extra in sorted(by_slot[slot], key=lambda e: (e.depth, -e.cases, e.activity)):
            placed = _extra_card(extra, columns.card_x(slot), y, columns.card_w)
            cards.append(placed)
            y = placed.box.bottom + CARD_GAP
        tallest = max(tallest, y - CARD_GAP - top - ROW_PAD)
    return LaneContent(tuple(cards), r(tallest))


def _neighbours(pairs: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{name} ({count:,})" for name, count in pairs)


def _extra_card(extra: OffJourneyActivity, x: float, top: float, width: float) -> Card:
    inner = width - 2 * CARD_PAD_X
    left = x + CARD_PAD_X
    y = top + CARD_PAD_Y
    name, height = text_block(
        left, y, extra.activity, inner, BODY, "off-journey-text", bold=True, max_lines=2
    )
    texts = [name]
    y += height + 2
    times = f"{extra.count:,} time" if extra.count == 1 else f"{extra.count:,} times"
    lines = [(f"{cases_text(extra.cases)} \u00b7 {times}", "off-journey-count", 2)]
    if extra.before:
        lines.append((f"after {_neighbours(extra.before)}", "meta", 3))
    if extra.after:
        lines.append((f"then {_neighbours(extra.after)}", "meta", 3))
    for text, role, most in lines:
        block, height = text_block(left, y, text, inner, SMALL, role, max_lines=most)
        texts.append(block)
        y += height + 1
    box = Rect(r(x), r(top), r(width), r(y - 1 + CARD_PAD_Y - top))
    tooltip = "\n".join(
        [f"{extra.activity}: not in the desired journey", *(t for t, _, _ in lines)]
    )
    return Card("off-journey", extra.activity, box, tuple(texts), tooltip)


def gap_summary(overlay: GapOverlay) -> str:
    """The heading's line about the actual journey."""
    return (
        f"Actual journey from {overlay.source}: {cases_text(overlay.cases)}, "
        f"{percent(overlay.conforming_share)} follow the desired journey "
        f"({overlay.conforming:,} of {overlay.cases:,})"
    )


def gap_description(journey: Journey, overlay: GapOverlay) -> str:
    """What a screen reader hears about the gap, after the journey's own summary."""
    names = {step.id: step.name for step in journey.steps()}
    text = f" {gap_summary(overlay)}."
    drops = sorted((s for s in overlay.steps if s.drop_off), key=lambda s: (-s.drop_off, s.step))
    if drops:
        listed = ", ".join(f"{names[s.step]} ({s.drop_off:,})" for s in drops[:3])
        text += f" Most drop-off at: {listed}."
    skipped = [s for s in overlay.steps if s.skipped_by]
    if skipped:
        listed = ", ".join(f"{names[s.step]} ({cases_text(s.skipped_by)})" for s in skipped)
        text += f" Skipped: {listed}."
    if overlay.extras:
        listed = ", ".join(f"{e.activity} ({cases_text(e.cases)})" for e in overlay.extras)
        text += f" Not in the desired journey: {listed}."
    return text


def gap_legend(overlay: GapOverlay, drawing: GapDrawing) -> list[tuple[str, str]]:
    """Legend entries (kind, label) for what the overlay drew."""
    statuses = {edge.status for edge in drawing.edges}
    entries = []
    if "taken" in statuses:
        entries.append(("gap-taken", "Desired move; width and number: cases making it"))
    if "unexpected" in statuses:
        entries.append(("gap-unexpected", "Move not in the desired journey"))
    if "untaken" in statuses:
        entries.append(("gap-untaken", "Desired move no case makes"))
    entries.append(("gap-reach", f"Cases reaching the step, share of all {overlay.cases:,}"))
    if any(mark.outcome_kind == "drop" for mark in drawing.steps):
        entries.append(
            ("gap-drop", "Drop-off: cases that stop where they should go on (share of those there)")
        )
    if any(mark.skipped for mark in drawing.steps):
        entries.append(("gap-skipped", "Skipped: cases that go past the step without it"))
    if overlay.extras:
        entries.append(("gap-extra", "Activity not in the desired journey"))
    return entries
