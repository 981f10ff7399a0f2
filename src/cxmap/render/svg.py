"""The journey map as SVG: one Jinja2 template draws a `Layout`, nothing else decides where.

Output is byte-identical for the same journey: the layout is deterministic, numbers are
printed by one formatter, and the template iterates tuples only. All user text is escaped by
autoescaping, so a title like `<Checkout & pay>` cannot break the document.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Template

from cxmap.model.journey import Journey
from cxmap.model.layout import layout_journey
from cxmap.model.layout_shapes import CurveSegment, EmotionCurve, Layout, Point
from cxmap.render.template_environment import template_environment

#: Latin and CJK from Noto Sans CJK (what text widths were measured on), then common system
#: fonts for viewers that lack it, then colour emoji fonts.
FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans', 'Helvetica Neue', Arial, "
    "'DejaVu Sans', 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', sans-serif"
)


def number(value: float) -> str:
    """`12` for 12.0, `12.5` for 12.5, never `-0`: the one way numbers are written."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _xy(point: Point) -> str:
    return f"{number(point.x)},{number(point.y)}"


def polyline(points: tuple[Point, ...]) -> str:
    return "M" + " L".join(_xy(point) for point in points)


def curve_path(segments: tuple[CurveSegment, ...], gap: bool, derived: bool = False) -> str:
    """Path data of the curve's solid pieces (or, with `gap`, of the pieces with no data;
    with `derived`, of the pieces reaching an emotion derived from evidence)."""
    parts = []
    for segment in segments:
        if segment.gap == gap and (gap or segment.derived == derived):
            controls = " ".join(_xy(p) for p in (segment.c1, segment.c2, segment.end))
            parts.append(f"M{_xy(segment.start)} C{controls}")
    return " ".join(parts)


def area_path(curve: EmotionCurve) -> str:
    """The region between the curve and the baseline, shaded green above and red below."""
    if not curve.segments:
        return ""
    first, last = curve.segments[0].start, curve.segments[-1].end
    baseline = number(curve.baseline_y)
    pieces = [f"M{number(first.x)},{baseline} L{_xy(first)}"]
    for segment in curve.segments:
        pieces.append("C" + " ".join(_xy(p) for p in (segment.c1, segment.c2, segment.end)))
    pieces.append(f"L{number(last.x)},{baseline} Z")
    return " ".join(pieces)


@cache
def _template() -> Template:
    environment = template_environment(markup=True)
    environment.filters["n"] = number
    environment.globals.update(polyline=polyline, curve_path=curve_path, area_path=area_path)
    return environment.get_template("map.svg.j2")


def layout_to_svg(layout: Layout) -> str:
    return _template().render(
        layout=layout, font_family=FONT_FAMILY, with_evidence=_draws_evidence(layout)
    )


def _draws_evidence(layout: Layout) -> bool:
    """Whether the map shows evidence (its styles are left out of maps that do not)."""
    cards = (block.role for card in layout.cards for block in card.texts)
    return bool(layout.evidence) or any(role.startswith("evidence-") for role in cards)


def journey_to_svg(journey: Journey) -> str:
    """The map of `journey` as a standalone SVG document."""
    return layout_to_svg(layout_journey(journey))
