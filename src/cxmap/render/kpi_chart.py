"""A KPI's progress as an SVG line chart: its dated points, the target line and labels.

It takes the map's render path: positions are worked out here, one Jinja2 template draws
them, and PNG and PDF derive from the SVG through `render.raster`. Nothing depends on colour
alone: every point is labelled with its value, points that reach the target are filled and
the others hollow (the legend says which is which), the target line is dashed and
labelled, and the title and description tell a screen reader the whole series.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from jinja2 import Template

from cxmap.model.priorities import Direction, Kpi, KpiPoint
from cxmap.render.raster import svg_to_pdf, svg_to_png
from cxmap.render.svg import FONT_FAMILY, number
from cxmap.render.template_environment import template_environment

WIDTH = 760.0
HEIGHT = 400.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 48.0, 92.0, 84.0
MAX_DATE_LABELS = 6


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    date: str
    meets: bool | None


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class KpiChart:
    """Everything the template draws, in user units (y grows downwards)."""

    width: float
    height: float
    title: str
    subtitle: str
    description: str
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    points: tuple[ChartPoint, ...]
    line: str
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    target_y: float | None
    target_label: str
    has_target: bool


def format_value(value: float, unit: str) -> str:
    """`42.5 %`, `1,250 s`, `-12 NPS`: one decimal below 100, none above."""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}".removesuffix(".0")
    text = "0" if text == "-0" else text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 x 10^k apart) covering low..high."""
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high:
        ticks.append(round(first + len(ticks) * step, 10))
    return ticks


def _x_positions(times: list[datetime], left: float, right: float) -> list[float]:
    start, end = min(times), max(times)
    span = (end - start).total_seconds()
    if span == 0:
        return [(left + right) / 2 for _ in times]
    return [left + (right - left) * (t - start).total_seconds() / span for t in times]


def _date_ticks(points: list[ChartPoint]) -> list[Tick]:
    if len(points) <= MAX_DATE_LABELS:
        chosen = points
    else:
        last = len(points) - 1
        picks = sorted({round(i * last / (MAX_DATE_LABELS - 1)) for i in range(MAX_DATE_LABELS)})
        chosen = [points[i] for i in picks]
    return [Tick(position=p.x, label=p.date) for p in chosen]


def _describe(kpi: Kpi, points: Sequence[KpiPoint]) -> str:
    unit = kpi.display_unit
    target = "no target"
    if kpi.target is not None:
        better = "higher" if kpi.direction == Direction.HIGHER_IS_BETTER else "lower"
        target = f"target {format_value(kpi.target, unit)}, {better} is better"
    if not points:
        return f"{kpi.name}: no measured points yet; {target}."
    series = "; ".join(
        f"{p.measured_at.date().isoformat()}: {format_value(p.value, unit)}"
        + (
            ""
            if kpi.meets(p.value) is None
            else (" (meets target)" if kpi.meets(p.value) else " (misses target)")
        )
        for p in points
    )
    return f"{kpi.name}, {len(points)} points, {target}. {series}."


def _subtitle(kpi: Kpi, count: int) -> str:
    better = "higher" if kpi.direction == Direction.HIGHER_IS_BETTER else "lower"
    points = "1 point" if count == 1 else f"{count} points"
    return f"{kpi.kind.value.replace('_', ' ')} · {points} · {better} is better"


def layout_kpi_chart(kpi: Kpi, points: Sequence[KpiPoint]) -> KpiChart:
    """Positions of everything in the chart of `kpi`'s points (in time order)."""
    ordered = sorted((p for p in points if p.kpi == kpi.id), key=lambda p: p.measured_at)
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    values = [p.value for p in ordered] + ([kpi.target] if kpi.target is not None else [])
    ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0))
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    xs = _x_positions([p.measured_at for p in ordered], left, right) if ordered else []
    unit = kpi.display_unit
    chart_points = tuple(
        ChartPoint(
            x=x,
            y=y_of(p.value),
            label=format_value(p.value, unit),
            date=p.measured_at.date().isoformat(),
            meets=kpi.meets(p.value),
        )
        for x, p in zip(xs, ordered, strict=True)
    )
    line = " L".join(f"{number(p.x)},{number(p.y)}" for p in chart_points)
    return KpiChart(
        width=WIDTH,
        height=HEIGHT,
        title=kpi.name,
        subtitle=_subtitle(kpi, len(ordered)),
        description=_describe(kpi, ordered),
        plot=(left, top, right, bottom),
        points=chart_points,
        line="M" + line if line else "",
        y_ticks=tuple(Tick(position=y_of(t), label=format_value(t, unit)) for t in ticks),
        x_ticks=tuple(_date_ticks(list(chart_points))),
        target_y=None if kpi.target is None else y_of(kpi.target),
        target_label="" if kpi.target is None else f"Target {format_value(kpi.target, unit)}",
        has_target=kpi.target is not None,
    )


@cache
def _template() -> Template:
    environment = template_environment(markup=True)
    environment.filters["n"] = number
    return environment.get_template("kpi_chart.svg.j2")


def kpi_chart_svg(kpi: Kpi, points: Sequence[KpiPoint]) -> str:
    """The chart as a standalone SVG document."""
    return _template().render(chart=layout_kpi_chart(kpi, points), font_family=FONT_FAMILY)


def kpi_chart_png(kpi: Kpi, points: Sequence[KpiPoint]) -> bytes:
    return svg_to_png(kpi_chart_svg(kpi, points), WIDTH, HEIGHT, kpi.name)


def kpi_chart_pdf(kpi: Kpi, points: Sequence[KpiPoint]) -> bytes:
    return svg_to_pdf(kpi_chart_svg(kpi, points), WIDTH, HEIGHT, kpi.name)
