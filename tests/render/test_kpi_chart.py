"""The KPI progress chart: accessible SVG, positions that follow the values, PNG and PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from PIL import Image
from pypdf import PdfReader

from cxmap.model.priorities import Kpi, KpiKind, KpiPoint, KpiPointSource
from cxmap.render.kpi_chart import (
    HEIGHT,
    WIDTH,
    format_value,
    kpi_chart_pdf,
    kpi_chart_png,
    kpi_chart_svg,
    layout_kpi_chart,
    nice_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"
DROP = Kpi(
    id="drop",
    name="Drop-off at <payment> & retry",
    kind=KpiKind.DROP_OFF,
    journey="shop",
    step="payment-declined",
    target=25,
)


def points(*values: tuple[int, float]) -> list[KpiPoint]:
    return [
        KpiPoint(
            kpi="drop",
            measured_at=datetime(2025, month, 1, tzinfo=UTC),
            value=value,
            n=400,
            source=KpiPointSource.ANALYSIS,
        )
        for month, value in values
    ]


SERIES = points((3, 33), (1, 41), (6, 24), (8, 21.5))


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_title_and_description_tell_the_whole_series() -> None:
    root = parsed(kpi_chart_svg(DROP, SERIES))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "kpi-title kpi-desc"
    assert root.findtext(f"{SVG}title") == "Drop-off at <payment> & retry"
    description = root.findtext(f"{SVG}desc")
    assert description == (
        "Drop-off at <payment> & retry, 4 points, target 25%, lower is better. "
        "2025-01-01: 41% (misses target); 2025-03-01: 33% (misses target); "
        "2025-06-01: 24% (meets target); 2025-08-01: 21.5% (meets target)."
    )


def test_points_meeting_the_target_differ_in_shape_not_only_in_colour() -> None:
    root = parsed(kpi_chart_svg(DROP, SERIES))
    drawn = root.find(f"{SVG}g[@class='points']")
    assert drawn is not None
    classes = [c.get("class") for c in drawn.iter(f"{SVG}circle")]
    assert classes == ["misses", "misses", "meets", "meets"]  # in time order
    labels = [t.text for t in drawn.iter(f"{SVG}text")]
    assert labels == ["41%", "33%", "24%", "21.5%"]
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "t-legend"]
    assert legend == ["meets target", "misses target", "Target 25%"]


def test_positions_follow_time_and_value() -> None:
    chart = layout_kpi_chart(DROP, SERIES)
    left, top, right, bottom = chart.plot
    # ticks 20..45 by 5: 41 is near the top, 21.5 near the bottom
    assert [t.label for t in chart.y_ticks] == ["20%", "25%", "30%", "35%", "40%", "45%"]
    first, *_, last = chart.points
    assert (first.x, last.x) == (left, right)
    assert first.y == pytest.approx(bottom - (bottom - top) * (41 - 20) / 25)
    assert chart.target_y == pytest.approx(bottom - (bottom - top) * (25 - 20) / 25)
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)


def test_no_points_and_no_target() -> None:
    bare = DROP.model_copy(update={"target": None})
    root = parsed(kpi_chart_svg(bare, []))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "No measured points yet" in texts
    assert root.find(f".//{SVG}g[@class='target-line']") is None
    assert root.findtext(f"{SVG}desc") == (
        "Drop-off at <payment> & retry: no measured points yet; no target."
    )


def test_formatting_and_ticks() -> None:
    assert format_value(41.0, "%") == "41%"
    assert format_value(1250.4, "s") == "1,250 s"
    assert format_value(-0.04, "NPS") == "0 NPS"
    assert nice_ticks(-12.5, 61) == [-20, 0, 20, 40, 60, 80]
    assert nice_ticks(5, 5) == [4, 4.5, 5, 5.5, 6]


def is_series_blue(pixel: object) -> bool:
    assert isinstance(pixel, tuple)
    red, _, blue = pixel
    return bool(blue > 140 and red < 80)


def test_png_and_pdf_derive_from_the_svg() -> None:
    image = Image.open(io.BytesIO(kpi_chart_png(DROP, SERIES)))
    assert image.size == (WIDTH * 2, HEIGHT * 2)
    # the series line is drawn in blue somewhere inside the plot
    rgb = image.convert("RGB")
    blue = sum(
        1
        for x in range(0, rgb.width, 2)
        for y in range(0, rgb.height, 2)
        if is_series_blue(rgb.getpixel((x, y)))
    )
    assert blue > 200
    pdf = PdfReader(io.BytesIO(kpi_chart_pdf(DROP, SERIES)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Target 25%" in text
