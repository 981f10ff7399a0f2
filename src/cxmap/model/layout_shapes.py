"""What a laid-out journey map is made of: positioned boxes, texts, points and lines.

`model.layout.layout_journey` produces these; the SVG template draws them and the web app
can draw the same data (`layout_as_dict` gives plain JSON-ready data). Coordinates are user
units (CSS pixels at 100 %), origin top left, rounded to one decimal so output is stable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from cxmap.model.journey_gap import MoveStatus

Anchor = Literal["start", "middle", "end"]
Tone = Literal["negative", "neutral", "positive"]
ArrowKind = Literal["flow", "branch", "loop"]
IconKind = Literal["pain", "gain", "drop"]
OutcomeKind = Literal["drop", "finish", "none"]


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return round(self.x + self.w, 1)

    @property
    def bottom(self) -> float:
        return round(self.y + self.h, 1)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Wrapped lines; `y` is the first baseline. `full_text` is set when lines were cut."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    line_height: float
    role: str
    bold: bool = False
    anchor: Anchor = "start"
    full_text: str | None = None


@dataclass(frozen=True, slots=True)
class Badge:
    """A small pill on a card, e.g. `Start`, `End`, `Sub-journey`."""

    box: Rect
    text: TextBlock
    kind: str


@dataclass(frozen=True, slots=True)
class Icon:
    """A symbol that carries meaning without colour: a warning triangle marks a pain point."""

    kind: IconKind
    x: float  # centre
    y: float  # centre
    size: float


@dataclass(frozen=True, slots=True)
class Card:
    """One box in a lane: a touchpoint, a lane item, a pain point, an opportunity."""

    kind: str
    ref: str
    box: Rect
    texts: tuple[TextBlock, ...]
    tooltip: str = ""
    tone: Tone = "neutral"
    icon: Icon | None = None
    badges: tuple[Badge, ...] = ()


@dataclass(frozen=True, slots=True)
class StageColumn:
    id: str
    index: int
    column: Rect  # the whole column, header to last lane
    band: tuple[Point, ...]  # chevron polygon of the header band
    texts: tuple[TextBlock, ...]  # number, name, goal, needs
    bullets: tuple[Point, ...]  # where the need bullets sit
    panel: Rect | None  # the goal and needs panel


@dataclass(frozen=True, slots=True)
class LaneRow:
    lane: str
    box: Rect  # the row across label column and grid
    texts: tuple[TextBlock, ...]  # label, hint and, for emotions, the scale
    below_visibility: bool


@dataclass(frozen=True, slots=True)
class VisibilityLine:
    y: float
    x1: float
    x2: float
    label: TextBlock


@dataclass(frozen=True, slots=True)
class EmotionPoint:
    """A point of the curve; `derived` when no emotion is set by hand and the evidence's
    mean stands in (drawn hollow, its segments dashed)."""

    step_id: str
    x: float
    y: float
    value: float
    tone: Tone
    label: TextBlock
    icon: Icon | None
    derived: bool = False


@dataclass(frozen=True, slots=True)
class CurveSegment:
    """A cubic Bézier piece of the curve; `gap` when it spans steps with no emotion set,
    `derived` when an end is an emotion derived from evidence rather than set by hand."""

    start: Point
    c1: Point
    c2: Point
    end: Point
    gap: bool
    derived: bool = False


@dataclass(frozen=True, slots=True)
class EmotionCurve:
    baseline_y: float
    x1: float
    x2: float
    above: Rect  # area above the baseline, for shading
    below: Rect
    scale: tuple[tuple[float, float], ...]  # (emotion value, y) of the grid lines
    segments: tuple[CurveSegment, ...]
    points: tuple[EmotionPoint, ...]


@dataclass(frozen=True, slots=True)
class EvidenceMark:
    """What the evidence says about a step's emotion, on the curve's scale.

    The mean is a diamond beside the hand-set point, or, when no emotion is set by hand
    (`derived`), the curve's own hollow point. The 95 % interval is a whisker (None below
    n = 2) and `label` says n. When the hand-set emotion disagrees with the evidence,
    `disagreement` runs from the hand-set point to the mean and `flag` says `≠ hand-set`.
    """

    step_id: str
    x: float
    y: float  # the mean
    value: float
    n: int
    tone: Tone
    derived: bool
    whisker: tuple[Point, Point] | None  # top end, bottom end
    label: TextBlock
    disagreement: tuple[Point, Point] | None
    flag: TextBlock | None
    tooltip: str


@dataclass(frozen=True, slots=True)
class Arrow:
    kind: ArrowKind
    source: str
    target: str
    points: tuple[Point, ...]  # an orthogonal polyline; the head is at the last point


@dataclass(frozen=True, slots=True)
class LegendEntry:
    kind: str
    x: float  # where the symbol sits (left edge), the label follows
    y: float  # middle line of the entry
    label: TextBlock


@dataclass(frozen=True, slots=True)
class GapEdge:
    """A move between two steps as customers made it, as wide as the cases that made it.

    `status` says whether the desired journey allows it and customers take it (`taken`),
    allows it but nobody takes it (`untaken`), or does not allow it (`unexpected`). The line
    stops where its `head` (a triangle as wide as the line needs) begins; `label` is the
    count in a pill.
    """

    kind: ArrowKind
    status: MoveStatus
    source: str
    target: str
    cases: int
    width: float
    points: tuple[Point, ...]
    head: tuple[Point, ...]
    label: Badge | None
    tooltip: str


@dataclass(frozen=True, slots=True)
class StepMarks:
    """Counts on one step card: cases reaching it (text and a bar of the share of all cases),
    what happens after it (`outcome`: drop-off, finish, or neither) and how many skip it."""

    step: str
    reach: TextBlock
    bar: Rect  # the whole bar: all cases
    fill: Rect  # the share that reaches the step
    outcome: TextBlock
    outcome_kind: OutcomeKind
    icon: Icon | None
    skipped: Badge | None


@dataclass(frozen=True, slots=True)
class GapDrawing:
    """The actual journey drawn over the desired one (cards of the activities the desired
    journey lacks are ordinary `Layout.cards` of kind `off-journey` in their own lane)."""

    edges: tuple[GapEdge, ...]
    steps: tuple[StepMarks, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    width: float
    height: float
    title: str  # for screen readers
    description: str  # for screen readers
    heading: tuple[TextBlock, ...]
    grid: Rect  # the lanes, without the label column
    label_column: Rect
    stages: tuple[StageColumn, ...]
    lanes: tuple[LaneRow, ...]
    visibility: VisibilityLine | None
    cards: tuple[Card, ...]
    emotion: EmotionCurve | None
    arrows: tuple[Arrow, ...]
    legend: tuple[LegendEntry, ...]
    gap: GapDrawing | None = None
    evidence: tuple[EvidenceMark, ...] = ()


def layout_as_dict(layout: Layout) -> dict[str, Any]:
    """Plain data (dicts, lists, numbers, strings) for JSON, e.g. for the web app."""
    return asdict(layout)
