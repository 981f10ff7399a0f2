"""Lines across the steps: branch and loop arrows between touchpoints, and the emotion curve.

Arrows that skip ahead run in tracks above the cards, loops back run in tracks below, each
on its own track wherever it would overlap another, so no two arrows share a line. The curve
keeps negative emotions below the baseline and positive ones above, by construction: the
y of a point is the baseline minus the emotion times a fixed unit. With evidence, a step
with no hand-set emotion takes the derived one (marked `derived`), and a point with an
evidence mark beside it moves its label to the left so the two never cover each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cxmap.model.journey import Journey
from cxmap.model.layout_blocks import (
    SMALL,
    Columns,
    label_width,
    line_height,
    r,
    signed,
    text_block,
    tone_of,
)
from cxmap.model.layout_shapes import (
    Anchor,
    Arrow,
    ArrowKind,
    CurveSegment,
    EmotionCurve,
    EmotionPoint,
    Icon,
    Point,
    Rect,
)

TRACK_GAP = 10.0
EMOTION_UNIT = 30.0  # user units per emotion point
EMOTION_TOP = 36.0  # room above +2 for a label
EMOTION_BOTTOM = 36.0  # room below -2 for the pain icon and label
ICON_SIZE = 14.0
EVIDENCE_DX = 44.0  # an evidence mark sits this far right of a hand-set point
LABEL_CLEAR = 8.0  # a label beside an evidence mark ends this far from it


@dataclass(frozen=True, slots=True)
class Link:
    kind: ArrowKind
    source: str
    target: str
    span: tuple[int, int]  # slots covered, low to high
    track: int


@dataclass(frozen=True, slots=True)
class FlowPlan:
    links: tuple[Link, ...]
    tracks_above: int
    tracks_below: int


def _assign_tracks(spans: list[tuple[int, int]]) -> list[int]:
    """Shortest first, each on the lowest track where it overlaps nothing."""
    tracks: list[list[tuple[int, int]]] = []
    result = [0] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: (spans[i][1] - spans[i][0], spans[i], i))
    for index in order:
        low, high = spans[index]
        for number, taken in enumerate(tracks):
            if all(high < other_low or other_high < low for other_low, other_high in taken):
                taken.append(spans[index])
                result[index] = number
                break
        else:
            tracks.append([spans[index]])
            result[index] = len(tracks) - 1
    return result


def plan_flow(
    journey: Journey, columns: Columns, extra: Sequence[tuple[str, str]] = ()
) -> FlowPlan:
    """Every `next` link, classified: the following step (flow), ahead (branch), back (loop).

    `extra` adds links the journey does not have (moves customers make all the same).
    """
    order = {step.id: index for index, step in enumerate(journey.steps())}
    raw: list[tuple[ArrowKind, str, str, tuple[int, int]]] = []
    own = [(step.id, target) for step in journey.steps() for target in dict.fromkeys(step.next)]
    for source, target in dict.fromkeys([*own, *extra]):
        if source in order and target in order:
            a, b = columns.step_slot[source], columns.step_slot[target]
            step_gap = order[target] - order[source]
            kind: ArrowKind = "flow" if step_gap == 1 else "branch" if step_gap > 1 else "loop"
            raw.append((kind, source, target, (min(a, b), max(a, b))))
    links: list[Link] = []
    counts = {"branch": 0, "loop": 0}
    for kind in ("branch", "loop"):
        chosen = [item for item in raw if item[0] == kind]
        tracks = _assign_tracks([item[3] for item in chosen])
        counts[kind] = max(tracks, default=-1) + 1
        links.extend(
            Link(k, s, t, span, n) for (k, s, t, span), n in zip(chosen, tracks, strict=True)
        )
    links.extend(Link(k, s, t, span, 0) for k, s, t, span in raw if k == "flow")
    return FlowPlan(tuple(links), counts["branch"], counts["loop"])


def _ports(plan: FlowPlan, kind: ArrowKind, columns: Columns) -> dict[tuple[int, str], float]:
    """Where each arrow of `kind` leaves or enters a card, spread along the card's edge."""
    ends: dict[str, list[tuple[int, int, int, int]]] = {}
    for number, link in enumerate(plan.links):
        if link.kind != kind:
            continue
        source, target = columns.step_slot[link.source], columns.step_slot[link.target]
        ends.setdefault(link.source, []).append(_port_key(source, target, link.track, number))
        ends.setdefault(link.target, []).append(_port_key(target, source, link.track, -number - 1))
    ports: dict[tuple[int, str], float] = {}
    for step_id, attached in ends.items():
        attached.sort()
        x = columns.card_x(columns.step_slot[step_id])
        for k, key in enumerate(attached):
            ports[(key[-1], step_id)] = r(x + columns.card_w * (k + 1) / (len(attached) + 1))
    return ports


def _port_key(here: int, there: int, track: int, key: int) -> tuple[int, int, int, int]:
    """Order of ends along a card edge so that arrows do not cross each other.

    Arrows to the left leave from the left part, higher tracks nearer the middle; arrows to
    the right mirror that. A higher track's vertical then never cuts a lower track's line.
    """
    if there < here:
        return (0, track, there, key)
    if there > here:
        return (2, -track, there, key)
    return (1, 0, 0, key)


def arrows(
    plan: FlowPlan,
    columns: Columns,
    cards_top: float,
    cards_h: float,
    track_gap: float = TRACK_GAP,
) -> list[Arrow]:
    """The polylines of the plan's links, given where the touchpoint cards ended up."""
    above = _ports(plan, "branch", columns)
    below = _ports(plan, "loop", columns)
    middle = r(cards_top + cards_h / 2)
    bottom = r(cards_top + cards_h)
    result: list[Arrow] = []
    points: tuple[Point, ...]
    for number, link in enumerate(plan.links):
        source_slot = columns.step_slot[link.source]
        target_slot = columns.step_slot[link.target]
        if link.kind == "flow":
            start = Point(r(columns.card_x(source_slot) + columns.card_w), middle)
            points = (start, Point(columns.card_x(target_slot), middle))
        else:
            ports = above if link.kind == "branch" else below
            sx, tx = ports[(number, link.source)], ports[(-number - 1, link.target)]
            edge = r(cards_top) if link.kind == "branch" else bottom
            step = -track_gap if link.kind == "branch" else track_gap
            lane_y = r(edge + step * (link.track + 1))
            points = (Point(sx, edge), Point(sx, lane_y), Point(tx, lane_y), Point(tx, edge))
        result.append(Arrow(link.kind, link.source, link.target, points))
    return result


def emotion_height() -> float:
    return EMOTION_TOP + 4 * EMOTION_UNIT + EMOTION_BOTTOM


@dataclass(frozen=True, slots=True)
class _Spot:
    """Where a point goes and where its label may go: centred, or ending at `label_end`."""

    x: float
    y: float
    room: float
    label_end: float | None = None


def _point(
    step_id: str, emotion: float, feeling: str, spot: _Spot, derived: bool = False
) -> EmotionPoint:
    tone = tone_of(emotion)
    text = f"{feeling} ({signed(emotion)})" if feeling else signed(emotion)
    x, y, room = spot.x, spot.y, spot.room
    away = 12 if spot.label_end is None else 14  # clear of the ring a disagreement draws
    if tone != "negative":
        anchor: Anchor = "middle" if spot.label_end is None else "end"
        anchor_x = x if spot.label_end is None else spot.label_end
        label, _ = text_block(
            anchor_x, y - away - SMALL, text, room, SMALL, "point-label", max_lines=1, anchor=anchor
        )
        return EmotionPoint(step_id, x, y, emotion, tone, label, None, derived)
    text_w = min(label_width(text, SMALL), room - ICON_SIZE - 4)
    width = ICON_SIZE + 4 + text_w
    left = x - width / 2 if spot.label_end is None else spot.label_end - width
    center_y = y + away - 1 + ICON_SIZE / 2
    top = center_y - line_height(SMALL) / 2
    label, _ = text_block(
        left + ICON_SIZE + 4, top, text, room - ICON_SIZE - 4, SMALL, "pain-label", max_lines=1
    )
    icon = Icon("pain", r(left + ICON_SIZE / 2), r(center_y), ICON_SIZE)
    return EmotionPoint(step_id, x, y, emotion, tone, label, icon, derived)


def _spot(x: float, y: float, columns: Columns, marked: bool, derived: bool) -> _Spot:
    """A point without an evidence mark has its label centred; with one, the label ends left
    of the mark: left of a hand-set point's neighbouring diamond, or of the derived point's
    own whisker."""
    if not marked:
        return _Spot(x, y, columns.slot_w - 12)
    end = x - LABEL_CLEAR if derived else x + LABEL_CLEAR
    return _Spot(x, y, r(end - (x - columns.slot_w / 2) - 4), r(end))


def emotion_curve(
    journey: Journey,
    columns: Columns,
    top: float,
    evidence: Mapping[str, float] | None = None,
) -> EmotionCurve:
    """Points at each step's column centre; negative below the baseline, positive above.

    `evidence` is the emotion derived from evidence per step id: it stands in for a step
    with no hand-set emotion, and every step it names gets room for its evidence mark.
    """
    derived_values = evidence or {}
    baseline = r(top + EMOTION_TOP + 2 * EMOTION_UNIT)
    points: list[EmotionPoint] = []
    positions: list[int] = []
    for index, step in enumerate(journey.steps()):
        emotion = step.emotion if step.emotion is not None else derived_values.get(step.id)
        if emotion is None:
            continue
        derived = step.emotion is None
        x = columns.slot_center(columns.step_slot[step.id])
        y = r(baseline - emotion * EMOTION_UNIT)
        spot = _spot(x, y, columns, step.id in derived_values, derived)
        points.append(_point(step.id, emotion, step.feeling, spot, derived))
        positions.append(index)
    segments = []
    for k in range(1, len(points)):
        a, b = points[k - 1], points[k]
        half = (b.x - a.x) / 2
        segments.append(
            CurveSegment(
                Point(a.x, a.y),
                Point(r(a.x + half), a.y),
                Point(r(b.x - half), b.y),
                Point(b.x, b.y),
                gap=positions[k] - positions[k - 1] > 1,
                derived=a.derived or b.derived,
            )
        )
    x1, x2 = columns.x, r(columns.x + columns.width)
    bottom = r(top + emotion_height())
    scale = tuple((float(v), r(baseline - v * EMOTION_UNIT)) for v in (2, 1, 0, -1, -2))
    return EmotionCurve(
        baseline_y=baseline,
        x1=x1,
        x2=x2,
        above=Rect(x1, r(top), columns.width, r(baseline - top)),
        below=Rect(x1, baseline, columns.width, r(bottom - baseline)),
        scale=scale,
        segments=tuple(segments),
        points=tuple(points),
    )
