"""Evidence drawn on the map: golden SVG, markup, and the PNG's pixels.

Regenerate the golden file after a deliberate change with
`CXMAP_UPDATE_GOLDEN=1 uv run pytest tests/render/test_evidence_svg.py`, then look at a PNG
of it before committing. Maps without evidence keep their own goldens (test_svg_golden.py).
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
from cxmap.services.evidence_summary_files import read_evidence_summary
from cxmap.services.journey_files import load_journey
from tests.render.test_raster import is_green, is_red, pixel, rgb_at

JOURNEYS = Path(__file__).parent / "journeys"
GOLDEN = Path(__file__).parent / "golden" / "evidence_map.svg"
SVG = "{http://www.w3.org/2000/svg}"


def drawn() -> tuple[Layout, str]:
    journey = load_journey(JOURNEYS / "evidence_map.yaml")
    evidence = read_evidence_summary(JOURNEYS / "evidence_map_evidence.json")
    layout = layout_journey(journey, evidence=evidence)
    return layout, layout_to_svg(layout)


def test_evidence_svg_is_byte_identical_to_the_golden_file() -> None:
    svg = drawn()[1].encode("utf-8")
    if os.environ.get("CXMAP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(svg)
    assert GOLDEN.is_file(), f"{GOLDEN} missing; create it with CXMAP_UPDATE_GOLDEN=1"
    assert svg == GOLDEN.read_bytes(), "the evidence SVG changed; see this module's docstring"


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    return {
        g.get("data-step", ""): g
        for g in root.iter(f"{SVG}g")
        if kind in (g.get("class") or "").split()
    }


def test_marks_say_n_and_flag_the_disagreement_in_words_and_shape() -> None:
    root = ET.fromstring(drawn()[1])
    marks = groups(root, "evidence-mark")
    assert sorted(marks) == ["compare", "pay", "review", "see-ad", "unbox"]
    assert marks["compare"].get("class") == "evidence-mark evidence-negative evidence-disagrees"
    texts = ["".join(t.itertext()) for t in marks["compare"].iter(f"{SVG}text")]
    assert texts == ["n=42", "\u2260 hand-set"]
    title = marks["compare"].find(f"{SVG}title")
    assert title is not None
    assert "set by hand +1, which disagrees with the evidence" in (title.text or "")
    behind = groups(root, "evidence-behind")["compare"]
    assert [c.get("class") for c in behind.iter(f"{SVG}circle")] == ["disagree-ring"]
    assert ["".join(t.itertext()) for t in marks["see-ad"].iter(f"{SVG}text")] == ["n=40"]
    points = groups(root, "emotion-point")
    assert points["pay"].get("class") == "emotion-point emotion-negative emotion-derived"
    circles = [c.get("class") for c in points["pay"].iter(f"{SVG}circle")]
    assert circles[0] == "point-hollow point-hollow-negative"
    (emotions,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "emotions"]
    (dashed,) = [p for p in emotions.iter(f"{SVG}path") if p.get("class") == "curve-derived"]
    assert dashed.get("d", "").count("M") == 3  # compare-pay, pay-confirm, unbox-review
    badges = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "t-badge"]
    assert badges.count("Pain (evidence)") == 2


def test_maps_without_evidence_carry_none_of_its_styles() -> None:
    plain = journey_to_svg(load_journey(JOURNEYS / "evidence_map.yaml"))
    with_evidence = drawn()[1]
    for style in (".point-hollow", ".whisker", ".disagree-ring", ".t-evidence-n", ".curve-derived"):
        assert style in with_evidence
        assert style not in plain
    assert 'class="evidence-' not in plain


def test_png_shows_a_derived_negative_point_red_hollow_and_below_the_baseline() -> None:
    layout, svg = drawn()
    image = Image.open(io.BytesIO(svg_to_png(svg, layout.width, layout.height, "evidence")))
    rgb = image.convert("RGB")
    scale = rgb.width / layout.width
    curve = layout.emotion
    assert curve is not None
    (pay,) = [p for p in curve.points if p.step_id == "pay"]
    assert pay.derived
    assert pay.y > curve.baseline_y
    # the ring is red on both sides of the point, its middle is white: hollow, not filled
    assert is_red(pixel(rgb, pay.x - 6, pay.y, scale))
    assert is_red(pixel(rgb, pay.x + 6, pay.y, scale))
    assert all(channel > 200 for channel in pixel(rgb, pay.x - 2, pay.y, scale))
    # nothing strongly red above the baseline in that column
    column, baseline_row = round((pay.x - 6) * scale), round(curve.baseline_y * scale)
    assert not any(
        is_red(rgb_at(rgb, column, row))
        for row in range(round(curve.above.y * scale), baseline_row - 2)
    )
    # the evidence's diamond beside a hand-set point is red below the baseline, green above
    marks = {mark.step_id: mark for mark in layout.evidence}
    assert is_red(pixel(rgb, marks["compare"].x, marks["compare"].y, scale))
    assert marks["compare"].y > curve.baseline_y
    assert is_green(pixel(rgb, marks["see-ad"].x, marks["see-ad"].y, scale))
    assert marks["see-ad"].y < curve.baseline_y
