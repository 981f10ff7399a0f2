"""The measures of the map and the small builders every lane uses: columns, texts, cards.

One place for sizes keeps the grid consistent: a card in the actions lane and one in the
opportunities lane line up because both come from `card()` on the same `Columns`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cxmap.model.journey import Journey
from cxmap.model.layout_shapes import Anchor, Badge, Card, Icon, IconKind, Rect, TextBlock, Tone
from cxmap.model.text_metrics import text_width, wrap

MARGIN = 32.0
LABEL_W = 176.0  # lane label column
SLOT_W = 204.0  # one step column; a stage is as wide as its steps (at least one)
SLOT_PAD = 9.0  # between a card and its column edge
MIN_WIDTH = 960.0  # small maps widen their columns to this canvas width
ROW_PAD = 12.0
MIN_ROW = 56.0
CARD_GAP = 8.0
CARD_PAD_X = 10.0
CARD_PAD_Y = 8.0
ICON_ROOM = 20.0  # text indent beside a card icon

BODY = 12.5
SMALL = 11.0
LINE = 1.32  # line height in ems
ASCENT = 0.88  # baseline below the top of the em box

ITEM_LINES = 4
MINUS = "\u2212"  # typographic minus for emotions
TITLE_LINES = 3


def r(value: float) -> float:
    """Coordinates are rounded to 0.1 so output never depends on float noise."""
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True, slots=True)
class Columns:
    """Where stages and step slots sit horizontally."""

    x: float  # left edge of the grid (right of the label column)
    slot_w: float
    stage_slots: tuple[tuple[int, int], ...]  # (first slot, number of slots) per stage
    step_slot: Mapping[str, int]
    pad: float = SLOT_PAD  # between a card and its column edge

    @property
    def slots(self) -> int:
        return sum(count for _, count in self.stage_slots)

    @property
    def width(self) -> float:
        return r(max(self.slots, 1) * self.slot_w)

    def slot_x(self, slot: int) -> float:
        return r(self.x + slot * self.slot_w)

    def stage_x(self, index: int) -> float:
        return self.slot_x(self.stage_slots[index][0])

    def stage_w(self, index: int) -> float:
        return r(self.stage_slots[index][1] * self.slot_w)

    def card_x(self, slot: int) -> float:
        return r(self.slot_x(slot) + self.pad)

    @property
    def card_w(self) -> float:
        return r(self.slot_w - 2 * self.pad)

    def slot_center(self, slot: int) -> float:
        return r(self.slot_x(slot) + self.slot_w / 2)


def columns_for(journey: Journey, pad: float = SLOT_PAD) -> Columns:
    """Stage columns as wide as their steps; a small map stretches to a readable width.

    A wider `pad` leaves room between cards, e.g. for the counts on the arrows of a map
    with the actual journey drawn over it.
    """
    spans: list[tuple[int, int]] = []
    step_slot: dict[str, int] = {}
    slot = 0
    for stage in journey.stages:
        for offset, step in enumerate(stage.steps):
            step_slot.setdefault(step.id, slot + offset)
        count = max(1, len(stage.steps))
        spans.append((slot, count))
        slot += count
    room = MIN_WIDTH - 2 * MARGIN - LABEL_W
    slot_w = r(max(SLOT_W, room / max(slot, 1)))
    return Columns(r(MARGIN + LABEL_W), slot_w, tuple(spans), step_slot, pad)


def line_height(size: float) -> float:
    return r(size * LINE)


def text_block(
    x: float,
    top: float,
    text: str,
    width: float,
    size: float,
    role: str,
    *,
    bold: bool = False,
    max_lines: int = TITLE_LINES,
    anchor: Anchor = "start",
) -> tuple[TextBlock, float]:
    """Wrapped text whose first line's box starts at `top`; returns it and its height."""
    wrapped = wrap(text, width, size, bold, max_lines)
    height = line_height(size)
    baseline = top + (height - size) / 2 + size * ASCENT
    block = TextBlock(
        x=r(x),
        y=r(baseline),
        lines=wrapped.lines,
        size=size,
        line_height=height,
        role=role,
        bold=bold,
        anchor=anchor,
        full_text=text if wrapped.truncated else None,
    )
    return block, r(len(wrapped.lines) * height)


def one_line(
    x: float, top: float, text: str, size: float, role: str, *, bold: bool = False
) -> TextBlock:
    """A label that never wraps (headings of small parts, legend entries)."""
    block, _ = text_block(x, top, text, 1e9, size, role, bold=bold, max_lines=1)
    return block


def label_width(text: str, size: float, bold: bool = False) -> float:
    return r(text_width(text, size, bold))


@dataclass(frozen=True, slots=True)
class CardSpec:
    """What goes on a card before it has a place: the kind, texts and marks."""

    kind: str
    ref: str
    text: str
    meta: str = ""
    bold: bool = False
    tone: Tone = "neutral"
    icon: IconKind | None = None
    max_lines: int = ITEM_LINES
    tooltip: str = ""


def card(spec: CardSpec, x: float, y: float, w: float, min_h: float = 0.0) -> Card:
    """A card with its text wrapped to the card's width, at least `min_h` tall."""
    indent = ICON_ROOM if spec.icon else 0.0
    inner_w = w - 2 * CARD_PAD_X - indent
    top = y + CARD_PAD_Y
    main, main_h = text_block(
        x + CARD_PAD_X + indent,
        top,
        spec.text,
        inner_w,
        BODY,
        f"{spec.kind}-text",
        bold=spec.bold,
        max_lines=spec.max_lines,
    )
    texts = [main]
    height = main_h
    cut = main.full_text is not None
    if spec.meta:
        meta, meta_h = text_block(
            x + CARD_PAD_X + indent, top + height + 2, spec.meta, inner_w, SMALL, "meta"
        )
        texts.append(meta)
        height += 2 + meta_h
        cut = cut or meta.full_text is not None
    icon = None
    if spec.icon:
        icon = Icon(spec.icon, r(x + CARD_PAD_X + 7), r(top + line_height(BODY) / 2), 14.0)
    box = Rect(r(x), r(y), r(w), r(max(min_h, height + 2 * CARD_PAD_Y)))
    tooltip = spec.tooltip or ("\n".join(filter(None, (spec.text, spec.meta))) if cut else "")
    return Card(spec.kind, spec.ref, box, tuple(texts), tooltip, spec.tone, icon)


def stack(specs: list[CardSpec], x: float, y: float, w: float) -> tuple[list[Card], float]:
    """Cards one under the other from `y`; returns them and the height they take."""
    cards: list[Card] = []
    cursor = y
    for spec in specs:
        placed = card(spec, x, cursor, w)
        cards.append(placed)
        cursor = placed.box.bottom + CARD_GAP
    return cards, r(cursor - y - CARD_GAP) if cards else 0.0


def badge(x: float, y: float, text: str, kind: str) -> Badge:
    """A pill starting at `x` with its top at `y`."""
    width = label_width(text, 10.0, bold=True) + 12
    box = Rect(r(x), r(y), r(width), 16.0)
    label = TextBlock(r(x + width / 2), r(y + 11.6), (text,), 10.0, 13.0, "badge", True, "middle")
    return Badge(box, label, kind)


def signed(value: float) -> str:
    """An emotion for people: `+1`, `0`, and a real minus sign (U+2212) for `-1.5`."""
    text = f"{abs(value):.1f}".removesuffix(".0")
    if value > 0:
        return f"+{text}"
    return f"{MINUS}{text}" if value < 0 else "0"


def tone_of(value: float | None) -> Tone:
    if value is None or value == 0:
        return "neutral"
    return "negative" if value < 0 else "positive"
