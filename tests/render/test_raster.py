"""PNG and PDF made from the SVG: checked on their pixels and their text, not on their bytes."""

from __future__ import annotations

import colorsys
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from cxmap.model.layout import layout_journey
from cxmap.model.layout_shapes import Layout
from cxmap.render.raster import (
    MAX_PNG_SIDE,
    PNG_SCALE,
    png_scale,
    svg_to_pdf,
    svg_to_png,
    typst_ready,
)
from cxmap.render.svg import layout_to_svg
from cxmap.services.journey_files import load_journey

JOURNEYS = Path(__file__).parent / "journeys"
RGB = tuple[int, int, int]


def drawn(name: str) -> tuple[Layout, str]:
    layout = layout_journey(load_journey(JOURNEYS / f"{name}.yaml"))
    return layout, layout_to_svg(layout)


def png_of(name: str) -> tuple[Layout, Image.Image, float]:
    layout, svg = drawn(name)
    image = Image.open(io.BytesIO(svg_to_png(svg, layout.width, layout.height, layout.title)))
    rgb = image.convert("RGB")
    return layout, rgb, rgb.width / layout.width


def is_red(pixel: RGB) -> bool:
    r, g, b = pixel
    return r > 160 and g < 90 and b < 90


def is_green(pixel: RGB) -> bool:
    r, g, b = pixel
    return g > 90 and r < 90 and b < 90


def rgb_at(image: Image.Image, column: int, row: int) -> RGB:
    value = image.getpixel((column, row))
    assert isinstance(value, tuple)
    return (value[0], value[1], value[2])


def pixel(image: Image.Image, x: float, y: float, scale: float) -> RGB:
    """The colour at user-unit coordinates (x, y) of the layout."""
    return rgb_at(image, round(x * scale), round(y * scale))


@pytest.mark.parametrize("name", ["one_stage", "feature_tour"])
def test_png_shows_each_pain_point_red_below_the_baseline(name: str) -> None:
    layout, image, scale = png_of(name)
    assert scale == pytest.approx(PNG_SCALE, rel=0.01)
    assert image.height / layout.height == pytest.approx(scale, rel=0.01)
    curve = layout.emotion
    assert curve is not None
    baseline_row = round(curve.baseline_y * scale)
    # the baseline is a visible grey line (checked at the right end, away from the curve)
    r, g, b = pixel(image, curve.x2 - 4, curve.baseline_y, scale)
    assert abs(r - g) < 30 and abs(g - b) < 30 and r < 170  # noqa: PT018 (one colour test)
    negatives = [point for point in curve.points if point.value < 0]
    assert negatives
    for point in negatives:
        assert is_red(pixel(image, point.x, point.y, scale)), point.step_id
        assert round(point.y * scale) > baseline_row
        # nothing strongly red above the baseline in that column: the point is below it
        column = round(point.x * scale)
        above = range(round(curve.above.y * scale), baseline_row - 2)
        assert not any(is_red(rgb_at(image, column, row)) for row in above)
        # the warning triangle under the point is red too (a bit left of its "!" mark)
        assert point.icon is not None
        assert is_red(pixel(image, point.icon.x - 3, point.icon.y + 3, scale)), point.step_id
    for point in curve.points:
        if point.value > 0:
            assert is_green(pixel(image, point.x, point.y, scale)), point.step_id
            assert round(point.y * scale) < baseline_row


def test_emoji_are_drawn_in_colour_not_as_empty_boxes() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
        '<rect width="200" height="40" fill="#fff"/>'
        '<text x="4" y="28" font-size="24" font-family="Noto Sans CJK SC">first 🏠</text></svg>'
    )
    image = Image.open(io.BytesIO(svg_to_png(svg, 200, 40, "emoji"))).convert("RGB")
    raw = image.tobytes()
    colourful = 0
    for start in range(0, len(raw), 3):
        r, g, b = raw[start : start + 3]
        _, lightness, saturation = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
        colourful += saturation > 0.5 and 0.2 < lightness < 0.8
    assert colourful > 50


def test_pdf_is_one_page_with_the_title_as_text_and_metadata() -> None:
    layout, svg = drawn("one_stage")
    updated = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    pdf = svg_to_pdf(svg, layout.width, layout.height, layout.title, updated)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(layout.width * 0.75, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(layout.height * 0.75, abs=0.5)
    text = page.extract_text()
    assert "Renew a parking permit" in text
    assert "Pays online" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Parking permit renewal journey map"
    assert svg_to_pdf(svg, layout.width, layout.height, layout.title, updated) == pdf


def test_a_very_wide_map_gets_a_pdf_page_viewers_accept() -> None:
    _, svg = drawn("one_stage")
    pdf = svg_to_pdf(svg, 60_000, 1_500, "wide")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(14_400, abs=1)
    assert float(page.mediabox.height) == pytest.approx(1_500 * 14_400 / 60_000, abs=1)


def test_png_scale_shrinks_only_maps_too_big_for_one_image() -> None:
    assert png_scale(1_500, 2_000) == PNG_SCALE
    wide = png_scale(100_000, 1_500)
    assert wide * 100_000 <= MAX_PNG_SIDE
    assert wide * wide * 100_000 * 1_500 <= 80_000_000


def test_only_texts_with_emoji_are_adjusted_for_typst() -> None:
    svg = (
        "<svg><style>.a { fill: #fff; }</style>"
        '<text class="fill">office first</text>'
        "<text><tspan>first 🏠</tspan>"
        "<tspan>flag 🇩🇪 ok 👍🏽 👨\u200d👩\u200d👧</tspan></text></svg>"
    )
    ready = typst_ready(svg)
    assert "<style>.a { fill: #fff; }</style>" in ready
    assert '<text class="fill">office first</text>' in ready
    assert "<tspan>f\u200cirst 🏠</tspan>" in ready
    assert "<tspan>f\u200clag DE ok 👍 👨👩👧</tspan>" in ready
