"""The actual journey drawn over the desired one: golden SVG, markup, and the PNG's pixels.

Regenerate the golden file after a deliberate change with
`CXMAP_UPDATE_GOLDEN=1 uv run pytest tests/render/test_gap_svg.py`, then look at a PNG of
it before committing. Maps without an overlay keep their own goldens (test_svg_golden.py).
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from cxmap.model.layout import layout_journey
from cxmap.model.layout_shapes import Layout
from cxmap.render.raster import svg_to_png
from cxmap.render.svg import journey_to_svg, layout_to_svg
from tests.model.test_journey_gap import checkout_journey, checkout_overlay

GOLDEN = Path(__file__).parent / "golden" / "checkout_gap.svg"
SVG = "{http://www.w3.org/2000/svg}"
RGB = tuple[int, int, int]


def drawn() -> tuple[Layout, str]:
    layout = layout_journey(checkout_journey(), checkout_overlay())
    return layout, layout_to_svg(layout)


def test_overlay_svg_is_byte_identical_to_the_golden_file() -> None:
    svg = drawn()[1].encode("utf-8")
    if os.environ.get("CXMAP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(svg)
    assert GOLDEN.is_file(), f"{GOLDEN} missing; create it with CXMAP_UPDATE_GOLDEN=1"
    assert svg == GOLDEN.read_bytes(), "the overlay SVG changed; see this module's docstring"


def test_moves_are_marked_up_by_status_with_their_counts() -> None:
    root = ET.fromstring(drawn()[1])
    moves = {
        (g.get("data-source"), g.get("data-target")): g
        for g in root.iter(f"{SVG}g")
        if "move" in (g.get("class") or "").split()
    }
    assert moves[("pay", "pay")].get("class") == "move move-unexpected"
    assert moves[("checkout", "cart")].get("class") == "move move-untaken"
    assert moves[("browse", "cart")].get("data-cases") == "9"
    path = moves[("browse", "cart")].find(f"{SVG}path")
    assert path is not None
    assert path.get("class") == "gap gap-taken"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts.count("2 \u00b7 not in the desired journey") == 1
    assert "Skipped by 1 case" in texts
    labels = [
        " ".join(span.text or "" for span in t) or t.text
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "t-lane-label"
    ]
    assert "Not in the desired journey" in labels


def test_maps_without_an_overlay_carry_none_of_its_styles() -> None:
    plain = journey_to_svg(checkout_journey())
    assert "gap-" not in plain
    assert "off-journey" not in plain
    assert ".gap-unexpected" in drawn()[1]


def near(pixel: RGB, wanted: RGB, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, wanted, strict=True))


def test_png_shows_unexpected_moves_in_violet_and_drop_off_in_amber() -> None:
    layout, svg = drawn()
    image = Image.open(io.BytesIO(svg_to_png(svg, layout.width, layout.height, "gap")))
    rgb = image.convert("RGB")
    scale = rgb.width / layout.width
    assert layout.gap is not None

    def at(x: float, y: float) -> RGB:
        value = rgb.getpixel((round(x * scale), round(y * scale)))
        assert isinstance(value, tuple)
        return (value[0], value[1], value[2])

    for edge in layout.gap.edges:
        assert edge.label is not None
        box = edge.label.box
        corner = at(box.x + 4, box.y + box.h / 2)  # inside the pill, left of its text
        if edge.status == "unexpected":
            assert near(corner, (0x7C, 0x3A, 0xED)), (edge.source, edge.target, corner)
        else:
            assert near(corner, (255, 255, 255), 10), (edge.source, edge.target, corner)
    browse_cart = next(e for e in layout.gap.edges if (e.source, e.target) == ("browse", "cart"))
    start, end = browse_cart.points[0], browse_cart.points[-1]
    # a thick slate line (drawn at 80 % opacity over white)
    assert near(at((start.x + end.x) / 2, start.y), (0x6D, 0x84, 0x9A), 25)
    for marks in layout.gap.steps:
        if marks.icon is not None:
            assert near(at(marks.icon.x, marks.icon.y), (0xB4, 0x53, 0x09)), marks.step
        fill = marks.fill
        assert near(at(fill.x + fill.w - 3, fill.y + fill.h / 2), (0x48, 0x65, 0x81), 25)
