"""The cards of each lane: what each row of the map says about each stage and step.

Every builder takes the top of its row and returns the cards placed in it plus the height
the row needs, so rows can be stacked without knowing each other's content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cxmap.model.journey import (
    Channel,
    InsightKind,
    Journey,
    Lane,
    LaneItem,
    LaneItems,
    OpportunityStatus,
    StakeholderKind,
    Step,
)
from cxmap.model.layout_blocks import (
    CARD_GAP,
    ROW_PAD,
    CardSpec,
    Columns,
    badge,
    card,
    r,
    signed,
    stack,
    tone_of,
)
from cxmap.model.layout_shapes import Badge, Card

CHANNEL_NAMES: dict[Channel, str] = {
    Channel.WEB: "Web",
    Channel.APP: "App",
    Channel.STORE: "Store",
    Channel.PHONE: "Phone",
    Channel.CHAT: "Chat",
    Channel.EMAIL: "Email",
    Channel.SMS: "SMS",
    Channel.SOCIAL: "Social media",
    Channel.POST: "Post",
    Channel.PARTNER: "Partner",
    Channel.KIOSK: "Kiosk",
    Channel.ATM: "ATM",
    Channel.IN_PERSON: "In person",
    Channel.VIDEO: "Video call",
    Channel.ADVERTISING: "Advertising",
    Channel.WORD_OF_MOUTH: "Word of mouth",
    Channel.OTHER: "Other",
}


@dataclass(frozen=True, slots=True)
class LaneContent:
    cards: tuple[Card, ...]
    height: float  # of the content, without the row padding


Specs = Callable[[Step], list[CardSpec]]


def _by_line(item: LaneItem, names: dict[str, str]) -> str:
    return f"by {names[item.by]}" if item.by and item.by in names else ""


def stakeholder_names(journey: Journey) -> dict[str, str]:
    """Stakeholder id -> how the map names them (partners say so)."""
    return {
        s.id: f"{s.name} (partner)" if s.kind is StakeholderKind.PARTNER else s.name
        for s in journey.stakeholders
    }


def _item_specs(items: LaneItems, lane: Lane, ref: str, names: dict[str, str]) -> list[CardSpec]:
    specs = []
    for item in items.of(lane):
        specs.append(CardSpec(lane.value, ref, item.text, meta=_by_line(item, names)))
    return specs


def _cells(
    journey: Journey,
    columns: Columns,
    top: float,
    stage_specs: Callable[[int], list[CardSpec]],
    step_specs: Specs,
) -> LaneContent:
    """Stage-wide cards across each stage's column, then each step's cards in its slot."""
    cards: list[Card] = []
    tallest = 0.0
    y0 = top + ROW_PAD
    for index, stage in enumerate(journey.stages):
        wide, wide_h = stack(
            stage_specs(index),
            columns.stage_x(index) + columns.pad,
            y0,
            columns.stage_w(index) - 2 * columns.pad,
        )
        cards.extend(wide)
        below = y0 + wide_h + (CARD_GAP if wide else 0.0)
        column_h = below - y0
        for step in stage.steps:
            slot = columns.step_slot[step.id]
            placed, placed_h = stack(step_specs(step), columns.card_x(slot), below, columns.card_w)
            cards.extend(placed)
            column_h = max(column_h, below - y0 + placed_h)
        tallest = max(tallest, column_h)
    return LaneContent(tuple(cards), r(tallest))


def text_lane(journey: Journey, columns: Columns, lane: Lane, top: float) -> LaneContent:
    """Actions, thoughts, frontstage, backstage, support: free-text items with their author."""
    names = stakeholder_names(journey)
    return _cells(
        journey,
        columns,
        top,
        lambda i: _item_specs(journey.stages[i].lanes, lane, journey.stages[i].id, names),
        lambda step: _item_specs(step.lanes, lane, step.id, names),
    )


def _pain_specs(journey: Journey) -> Specs:
    by_step: dict[str, list[CardSpec]] = {}
    ordered = sorted(
        enumerate(journey.insights),
        key=lambda pair: (pair[1].kind is not InsightKind.PAIN, -pair[1].severity, pair[0]),
    )
    for _, insight in ordered:
        pain = insight.kind is InsightKind.PAIN
        meta = f"severity {insight.severity} of 5" if pain else "gain"
        spec = CardSpec(
            "pain" if pain else "gain",
            insight.id,
            insight.title,
            meta=meta,
            tone="negative" if pain else "positive",
            icon="pain" if pain else "gain",
            max_lines=3,
            tooltip="\n".join(t for t in (insight.title, insight.description) if t),
        )
        by_step.setdefault(insight.step, []).append(spec)

    def specs(step: Step) -> list[CardSpec]:
        found = by_step.get(step.id, [])
        if step.emotion is None or step.emotion >= 0 or any(s.kind == "pain" for s in found):
            return found
        text = step.feeling.capitalize() if step.feeling else "Negative moment"
        unexplained = CardSpec(
            "pain",
            step.id,
            text,
            meta=f"emotion {signed(step.emotion)}",
            tone="negative",
            icon="pain",
        )
        return [unexplained, *found]

    return specs


def has_gains(journey: Journey) -> bool:
    return any(insight.kind is InsightKind.GAIN for insight in journey.insights)


def pain_lane(journey: Journey, columns: Columns, top: float) -> LaneContent:
    """Pain points (insights, and negative steps no insight explains yet) and gains."""
    return _cells(journey, columns, top, lambda _: [], _pain_specs(journey))


def _opportunity_specs(journey: Journey) -> Specs:
    by_step: dict[str, list[CardSpec]] = {}
    for opportunity in journey.opportunities:
        facts = []
        if opportunity.effort is not None:
            facts.append(f"effort {opportunity.effort} of 5")
        if opportunity.status is not OpportunityStatus.PROPOSED:
            facts.append(opportunity.status.value.replace("_", " "))
        if opportunity.owner:
            facts.append(opportunity.owner)
        tooltip_parts = [opportunity.title, opportunity.description, opportunity.impact]
        if opportunity.kpi:
            tooltip_parts.append(f"KPI: {opportunity.kpi}")
        spec = CardSpec(
            "opportunity",
            opportunity.id,
            opportunity.title,
            meta=" · ".join(facts),
            max_lines=3,
            tooltip="\n".join(part for part in tooltip_parts if part),
        )
        by_step.setdefault(opportunity.step, []).append(spec)
    return lambda step: by_step.get(step.id, [])


def opportunity_lane(journey: Journey, columns: Columns, top: float) -> LaneContent:
    return _cells(journey, columns, top, lambda _: [], _opportunity_specs(journey))


def _step_spec(step: Step) -> CardSpec:
    where = [CHANNEL_NAMES[step.channel]] if step.channel else []
    if step.department:
        where.append(step.department)
    if step.actors:
        where.append("with " + ", ".join(step.actors))
    details = [step.name, step.description, *(f"• {fact}" for fact in step.facts)]
    if step.metrics:
        details.append("Metrics: " + ", ".join(step.metrics))
    return CardSpec(
        "touchpoint",
        step.id,
        step.name,
        meta=" · ".join(where),
        bold=True,
        tone=tone_of(step.emotion),
        max_lines=3,
        tooltip="\n".join(part for part in details if part),
    )


def _badges(step: Step, entry: bool, x: float, bottom: float) -> tuple[Badge, ...]:
    names = []
    if entry:
        names.append(("Start", "start"))
    if step.final:
        names.append(("End", "final"))
    if step.sub_journey:
        names.append(("Sub-journey", "sub-journey"))
    badges: list[Badge] = []
    cursor = x
    for text, kind in names:
        made = badge(cursor, bottom - 16 - 8, text, kind)
        badges.append(made)
        cursor = made.box.right + 5
    return tuple(badges)


BADGE_ROOM = 22.0


def step_cards(journey: Journey, columns: Columns, top: float, room: float = 0.0) -> LaneContent:
    """Touchpoint cards, all of one height so the row reads as a line of moments.

    `room` is kept free on every card between its texts and its badge row (which every card
    then has room for): the map of the actual journey puts its counts there.
    """
    entries = set(journey.entry_steps())
    steps = journey.steps()
    specs = {step.id: _step_spec(step) for step in steps}
    needs_badges = {s.id for s in steps if s.id in entries or s.final or s.sub_journey or room}
    heights = [
        card(specs[s.id], 0, 0, columns.card_w).box.h + (BADGE_ROOM if s.id in needs_badges else 0)
        for s in steps
    ]
    height = max(heights, default=0.0) + (room if steps else 0.0)
    cards: list[Card] = []
    for step in steps:
        x = columns.card_x(columns.step_slot[step.id])
        placed = card(specs[step.id], x, top, columns.card_w, height)
        marks = _badges(step, step.id in entries, x + 10, placed.box.bottom)
        cards.append(
            Card(
                placed.kind,
                placed.ref,
                placed.box,
                placed.texts,
                placed.tooltip,
                placed.tone,
                placed.icon,
                marks,
            )
        )
    return LaneContent(tuple(cards), r(height))
