"""One pure function from a journey to a positioned map: `layout_journey`.

The SVG template, and later the web app, only draw what this computes, so every rule of the
map lives here: stages are columns as wide as their steps, lanes are rows in the journey's
order with backstage and support moved under the line of visibility, the emotion curve keeps
pain points below the baseline. Everything is deterministic: same journey, same layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import BELOW_LINE_OF_VISIBILITY, Journey, JourneyKind, Lane
from cxmap.model.journey_gap import GapOverlay
from cxmap.model.layout_blocks import (
    BODY,
    LABEL_W,
    MARGIN,
    MIN_ROW,
    MIN_WIDTH,
    MINUS,
    ROW_PAD,
    SLOT_PAD,
    SMALL,
    Columns,
    columns_for,
    label_width,
    line_height,
    one_line,
    r,
    text_block,
)
from cxmap.model.layout_evidence import (
    LANE_EXTRA,
    evidence_description,
    evidence_legend,
    evidence_marks,
    evidence_room,
    with_evidence,
)
from cxmap.model.layout_flow import (
    TRACK_GAP,
    arrows,
    emotion_curve,
    emotion_height,
    plan_flow,
)
from cxmap.model.layout_gap import (
    GAP_PAD,
    MARKS_H,
    OFF_JOURNEY_LANE,
    OFF_JOURNEY_TITLE,
    gap_description,
    gap_legend,
    gap_summary,
    gap_touchpoints,
    off_journey_cards,
)
from cxmap.model.layout_lanes import (
    BADGE_ROOM,
    LaneContent,
    has_gains,
    opportunity_lane,
    pain_lane,
    step_cards,
    text_lane,
)
from cxmap.model.layout_shapes import (
    Arrow,
    Card,
    EmotionCurve,
    EvidenceMark,
    GapDrawing,
    LaneRow,
    Layout,
    LegendEntry,
    Rect,
    TextBlock,
    VisibilityLine,
)
from cxmap.model.layout_stages import stage_headers

LANE_TITLES: dict[Lane, tuple[str, str]] = {
    Lane.ACTIONS: ("Customer actions", "What the customer does"),
    Lane.TOUCHPOINTS: ("Touchpoints", "Where they meet us: channel · owner"),
    Lane.THOUGHTS: ("Thoughts", "What goes through their mind"),
    Lane.EMOTIONS: ("Emotions", "How they feel, \u22122 to +2"),
    Lane.PAIN_POINTS: ("Pain points", "Where it hurts, worst first"),
    Lane.OPPORTUNITIES: ("Opportunities", "What we could change"),
    Lane.FRONTSTAGE: ("Frontstage", "What our people do in view"),
    Lane.BACKSTAGE: ("Backstage", "What happens out of view"),
    Lane.SUPPORT: ("Support processes", "Systems and partners behind it"),
}
LEGEND_LABELS: dict[str, str] = {
    "positive": "Positive emotion, above the baseline",
    "negative": "Pain point: negative emotion, below the baseline",
    "gap": "No emotion recorded in between",
    "flow": "Next step",
    "branch": "Branch to a later step",
    "loop": "Loop back to an earlier step",
    "visibility": "Line of visibility: the customer does not see below it",
}
TITLE_SIZE = 22.0
HEADING_GAP = 22.0
LEGEND_SYMBOL = 38.0  # room for a legend entry's symbol before its label
VISIBILITY_GAP = 24.0  # a strip between the lanes in view and those below the line


@dataclass
class _Rows:
    """What the lanes add up to while they are stacked top to bottom."""

    rows: list[LaneRow]
    cards: list[Card]
    arrows: list[Arrow]
    emotion: EmotionCurve | None = None
    visibility_y: float | None = None
    overlay: GapOverlay | None = None
    gap: GapDrawing | None = None
    evidence: Mapping[str, StepEvidence] = field(default_factory=dict)
    evidence_room: float = 0.0  # kept on every touchpoint card for the evidence's scores
    marks: tuple[EvidenceMark, ...] = ()


def lane_order(journey: Journey, overlay: GapOverlay | None = None) -> list[Lane]:
    """The journey's lanes, those below the line of visibility moved to the end.

    The actual journey is drawn on the touchpoints, so an overlay brings that lane back
    (first) when the journey leaves it out.
    """
    lanes = list(journey.lanes)
    if overlay is not None and Lane.TOUCHPOINTS not in lanes:
        lanes.insert(0, Lane.TOUCHPOINTS)
    visible = [lane for lane in lanes if lane not in BELOW_LINE_OF_VISIBILITY]
    hidden = [lane for lane in lanes if lane in BELOW_LINE_OF_VISIBILITY]
    return visible + hidden


def layout_journey(
    journey: Journey,
    overlay: GapOverlay | None = None,
    evidence: Mapping[str, StepEvidence] | None = None,
) -> Layout:
    """Where everything of the map goes, in user units.

    With an `overlay` (the actual journey mined from an event log) the moves between steps
    are drawn as wide as the cases making them, the step cards carry their counts, and a
    lane under the touchpoints holds what customers do that the desired journey lacks.
    With `evidence` (per step id) the curve shows the emotion the evidence gives beside the
    hand-set one, and the cards its scores (`layout_evidence`); ids of no step are ignored.
    """
    columns = columns_for(journey, GAP_PAD if overlay else SLOT_PAD)
    width = r(max(columns.x + columns.width + MARGIN, MIN_WIDTH))
    heading, y = _heading(journey, width, overlay)
    headers = stage_headers(journey, columns, y + HEADING_GAP)
    lanes_top = r(y + HEADING_GAP + headers.height)
    known = journey.step_index()
    by_step = {step: found for step, found in (evidence or {}).items() if step in known}
    room = evidence_room(journey, by_step)
    stacked = _Rows([], [], [], overlay=overlay, evidence=by_step, evidence_room=room)
    y = lanes_top
    for lane in lane_order(journey, overlay):
        if lane in BELOW_LINE_OF_VISIBILITY and stacked.visibility_y is None:
            stacked.visibility_y = r(y + VISIBILITY_GAP - 7)
            y = r(y + VISIBILITY_GAP)
        y = _add_lane(journey, columns, lane, y, stacked)
        if lane is Lane.TOUCHPOINTS and overlay is not None and overlay.extras:
            y = _add_off_journey_lane(overlay, columns, y, stacked)
    grid_bottom = y
    stages = tuple(
        replace(header, column=replace(header.column, h=r(grid_bottom - header.column.y)))
        for header in headers.columns
    )
    visibility = None
    if stacked.visibility_y is not None:
        top = stacked.visibility_y - line_height(SMALL) - 1
        label = one_line(MARGIN + 16, top, "Line of visibility", SMALL, "visibility", bold=True)
        visibility = VisibilityLine(
            stacked.visibility_y, MARGIN, r(columns.x + columns.width), label
        )
    legend, bottom = _legend(_legend_entries(stacked, visibility), grid_bottom + 20, width)
    description = journey.accessible_description or accessible_summary(journey)
    if overlay is not None:
        description += gap_description(journey, overlay)
    description += evidence_description(journey, stacked.marks, by_step)
    return Layout(
        width=width,
        height=r(bottom + MARGIN),
        title=journey.accessible_title or journey.title,
        description=description,
        heading=heading,
        grid=Rect(columns.x, lanes_top, columns.width, r(grid_bottom - lanes_top)),
        label_column=Rect(MARGIN, lanes_top, LABEL_W, r(grid_bottom - lanes_top)),
        stages=stages,
        lanes=tuple(stacked.rows),
        visibility=visibility,
        cards=tuple(stacked.cards),
        emotion=stacked.emotion,
        arrows=tuple(stacked.arrows),
        legend=legend,
        gap=stacked.gap,
        evidence=stacked.marks,
    )


def _add_lane(journey: Journey, columns: Columns, lane: Lane, top: float, stacked: _Rows) -> float:
    """Lay out one lane from `top`; returns the top of the next one."""
    title, hint = LANE_TITLES[lane]
    if lane is Lane.PAIN_POINTS and has_gains(journey):
        title = "Pain points & gains"
    texts, label_h = _lane_label(title, hint, top)
    height = max(MIN_ROW, label_h + 2 * ROW_PAD)
    evidence, room = stacked.evidence, stacked.evidence_room
    if lane is Lane.EMOTIONS:
        derived = {step: e.emotion.mean for step, e in evidence.items() if e.emotion is not None}
        curve = emotion_curve(journey, columns, top, derived)
        stacked.emotion = curve
        stacked.marks = evidence_marks(journey, curve, evidence, columns.slot_w)
        height = max(height, emotion_height() + (LANE_EXTRA if stacked.marks else 0.0))
        texts += tuple(_scale_label(columns.x - 10, value, y) for value, y in curve.scale)
    elif lane is Lane.TOUCHPOINTS and stacked.overlay is not None:
        row = gap_touchpoints(journey, columns, top, stacked.overlay, room)
        stacked.cards.extend(with_evidence(row.cards, evidence, room, BADGE_ROOM + MARKS_H))
        stacked.gap = row.drawing
        height = max(height, row.height + 2 * ROW_PAD)
    elif lane is Lane.TOUCHPOINTS:
        plan = plan_flow(journey, columns)
        above = plan.tracks_above * TRACK_GAP + (6 if plan.tracks_above else 0)
        below = plan.tracks_below * TRACK_GAP + (6 if plan.tracks_below else 0)
        cards_top = top + ROW_PAD + above
        content = step_cards(journey, columns, cards_top, room)
        stacked.arrows.extend(arrows(plan, columns, cards_top, content.height))
        stacked.cards.extend(with_evidence(content.cards, evidence, room, BADGE_ROOM))
        height = max(height, content.height + above + below + 2 * ROW_PAD)
    else:
        content = _content(journey, columns, lane, top)
        stacked.cards.extend(content.cards)
        height = max(height, content.height + 2 * ROW_PAD)
    box = Rect(MARGIN, r(top), r(columns.x + columns.width - MARGIN), r(height))
    stacked.rows.append(LaneRow(lane.value, box, texts, lane in BELOW_LINE_OF_VISIBILITY))
    return r(top + height)


def _add_off_journey_lane(
    overlay: GapOverlay, columns: Columns, top: float, stacked: _Rows
) -> float:
    """The lane of activities the desired journey lacks; returns the top of the next lane."""
    texts, label_h = _lane_label(*OFF_JOURNEY_TITLE, top)
    content = off_journey_cards(overlay, columns, top)
    stacked.cards.extend(content.cards)
    height = max(MIN_ROW, label_h + 2 * ROW_PAD, content.height + 2 * ROW_PAD)
    box = Rect(MARGIN, r(top), r(columns.x + columns.width - MARGIN), r(height))
    stacked.rows.append(LaneRow(OFF_JOURNEY_LANE, box, texts, False))
    return r(top + height)


def _content(journey: Journey, columns: Columns, lane: Lane, top: float) -> LaneContent:
    if lane is Lane.PAIN_POINTS:
        return pain_lane(journey, columns, top)
    if lane is Lane.OPPORTUNITIES:
        return opportunity_lane(journey, columns, top)
    return text_lane(journey, columns, lane, top)


def _scale_label(x: float, value: float, y: float) -> TextBlock:
    """A tick of the emotion scale, right-aligned against the grid, centred on its line."""
    text = "0" if value == 0 else f"{'+' if value > 0 else MINUS}{abs(value):g}"
    return TextBlock(
        r(x), r(y + SMALL * 0.35), (text,), SMALL, line_height(SMALL), "scale", anchor="end"
    )


def _lane_label(title: str, hint: str, top: float) -> tuple[tuple[TextBlock, ...], float]:
    x = MARGIN + 16
    room = LABEL_W - 30
    label, label_h = text_block(x, top + ROW_PAD, title, room, BODY, "lane-label", bold=True)
    note, note_h = text_block(x, top + ROW_PAD + label_h + 1, hint, room, SMALL, "lane-hint")
    return (label, note), label_h + 1 + note_h


def _heading(
    journey: Journey, width: float, overlay: GapOverlay | None
) -> tuple[tuple[TextBlock, ...], float]:
    """Title, a line of facts (kind, personas, status, version), the description and, with
    an overlay, what was mined."""
    room = width - 2 * MARGIN
    title, title_h = text_block(
        MARGIN, MARGIN, journey.title, room, TITLE_SIZE, "title", bold=True, max_lines=2
    )
    y = MARGIN + title_h + 4
    meta, meta_h = text_block(MARGIN, y, journey_facts(journey), room, BODY, "facts", max_lines=2)
    blocks = [title, meta]
    y += meta_h
    if journey.description:
        text, text_h = text_block(
            MARGIN, y + 4, journey.description, min(room, 900), BODY, "description"
        )
        blocks.append(text)
        y += 4 + text_h
    if overlay is not None:
        summary, summary_h = text_block(
            MARGIN, y + 4, gap_summary(overlay), room, BODY, "gap-summary", bold=True
        )
        blocks.append(summary)
        y += 4 + summary_h
    return tuple(blocks), r(y)


def journey_facts(journey: Journey) -> str:
    kind = (
        "Current journey (as-is)"
        if journey.kind is JourneyKind.CURRENT
        else "Desired journey (to-be)"
    )
    facts = [kind]
    if journey.personas:
        facts.append("Persona: " + ", ".join(p.name for p in journey.personas))
    facts.append(journey.status.value.capitalize())
    facts.append(f"version {journey.version}")
    if journey.updated_at:
        facts.append(f"updated {journey.updated_at.date().isoformat()}")
    if journey.owner:
        facts.append(f"owner {journey.owner}")
    if journey.counterpart:
        facts.append(f"counterpart {journey.counterpart}")
    return " · ".join(facts)


def _legend_entries(stacked: _Rows, visibility: VisibilityLine | None) -> list[tuple[str, str]]:
    kinds: list[str] = []
    if stacked.emotion is not None:
        kinds += ["positive", "negative"]
        if any(segment.gap for segment in stacked.emotion.segments):
            kinds.append("gap")
    present = {arrow.kind for arrow in stacked.arrows}
    kinds += [kind for kind in ("flow", "branch", "loop") if kind in present]
    entries = [(kind, LEGEND_LABELS[kind]) for kind in kinds]
    if stacked.overlay is not None and stacked.gap is not None:
        entries += gap_legend(stacked.overlay, stacked.gap)
    entries += evidence_legend(stacked.marks, tuple(stacked.cards))
    if visibility is not None:
        entries.append(("visibility", LEGEND_LABELS["visibility"]))
    return entries


def _legend(
    kinds: list[tuple[str, str]], top: float, width: float
) -> tuple[tuple[LegendEntry, ...], float]:
    """Entries in reading order, wrapping to a new line when the canvas is full."""
    entries: list[LegendEntry] = []
    x, y = MARGIN, top
    row_h = line_height(SMALL) + 6
    for kind, text in kinds:
        entry_w = LEGEND_SYMBOL + label_width(text, SMALL)
        if x > MARGIN and x + entry_w > width - MARGIN:
            x, y = MARGIN, y + row_h
        label = one_line(x + LEGEND_SYMBOL, y, text, SMALL, "legend")
        entries.append(LegendEntry(kind, r(x), r(y + line_height(SMALL) / 2), label))
        x += entry_w + 24
    return tuple(entries), r(y + (row_h if entries else 0))


def accessible_summary(journey: Journey) -> str:
    """What a screen reader says when the journey has no accessible description of its own."""
    stages = [stage.name for stage in journey.stages]
    steps = journey.steps()
    pains = [step.name for step in steps if step.emotion is not None and step.emotion < 0]
    text = f"Journey map of {journey.title}: {len(stages)} stages"
    text += f" ({_listing(stages)})" if stages else ""
    text += f", {len(steps)} touchpoints."
    if pains:
        text += f" Pain points, below the emotional baseline: {_listing(pains)}."
    return text


def _listing(names: list[str], limit: int = 10) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
