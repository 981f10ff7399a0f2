"""The SVG map: byte-identical to reviewed golden files, well-formed, accessible, escaped.

After a deliberate change to the drawing, regenerate the golden files with
`CXMAP_UPDATE_GOLDEN=1 uv run pytest tests/render/test_svg_golden.py`, then look at them
(and at PNGs made from them) before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cxmap.render.svg import FONT_FAMILY, journey_to_svg, number
from cxmap.services.journey_files import load_journey

HERE = Path(__file__).parent
JOURNEYS = HERE / "journeys"
GOLDEN = HERE / "golden"
CASES = ["one_stage", "feature_tour"]
NS = {"svg": "http://www.w3.org/2000/svg"}


def svg_of(name: str) -> str:
    return journey_to_svg(load_journey(JOURNEYS / f"{name}.yaml"))


def parsed(name: str) -> ET.Element:
    return ET.fromstring(svg_of(name))


@pytest.mark.parametrize("name", CASES)
def test_svg_is_byte_identical_to_the_golden_file(name: str) -> None:
    svg = svg_of(name).encode("utf-8")
    golden = GOLDEN / f"{name}.svg"
    if os.environ.get("CXMAP_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(svg)
    assert golden.is_file(), f"{golden} missing; create it with CXMAP_UPDATE_GOLDEN=1"
    assert svg == golden.read_bytes(), (
        f"{name}: the SVG changed; if that is intended, rerun with CXMAP_UPDATE_GOLDEN=1 "
        "and look at the result"
    )


def test_rendering_does_not_depend_on_hash_seeds_or_the_process() -> None:
    script = (
        "import sys; from pathlib import Path; from cxmap.render.svg import journey_to_svg; "
        "from cxmap.services.journey_files import load_journey; "
        "sys.stdout.buffer.write(journey_to_svg(load_journey(Path(sys.argv[1]))).encode())"
    )
    source = str(JOURNEYS / "feature_tour.yaml")
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, source],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] == svg_of("feature_tour").encode()


def test_numbers_are_written_one_way() -> None:
    assert [number(v) for v in (12.0, 12.5, -0.0, -3.25, 0.04)] == ["12", "12.5", "0", "-3.2", "0"]


def test_the_svg_names_itself_for_screen_readers() -> None:
    root = parsed("one_stage")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cxmap-title cxmap-desc"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None
    assert desc is not None
    assert title.text == "Parking permit renewal journey map"
    assert desc.text == (
        "One stage with two steps; paying online is a pain point below the baseline."
    )


def test_user_text_is_escaped() -> None:
    svg = svg_of("feature_tour")
    assert "&lt;the whole thing&gt;" in svg
    assert "<the whole thing>" not in svg
    texts = ["".join(node.itertext()) for node in ET.fromstring(svg).iter(f"{{{NS['svg']}}}text")]
    assert "Home internet: order, install & first bill 🏠 — <the whole thing>" in texts


def test_fonts_for_latin_cjk_and_emoji_are_asked_for() -> None:
    root = parsed("feature_tour")
    assert root.get("font-family") == FONT_FAMILY
    assert "Noto Sans CJK SC" in FONT_FAMILY
    assert "Noto Color Emoji" in FONT_FAMILY


def _baseline_y(root: ET.Element) -> float:
    (line,) = [el for el in root.iter(f"{{{NS['svg']}}}line") if el.get("class") == "baseline"]
    assert line.get("y1") == line.get("y2")
    return float(line.get("y1", "nan"))


def test_pain_points_are_red_circles_below_the_baseline_with_a_warning_icon() -> None:
    root = parsed("feature_tour")
    baseline = _baseline_y(root)
    groups = [el for el in root.iter(f"{{{NS['svg']}}}g") if "emotion-point" in el.get("class", "")]
    negative = [g for g in groups if "emotion-negative" in g.get("class", "")]
    assert {g.get("data-step") for g in negative} == {
        "choose-plan",
        "call-sales",
        "wait",
        "first-bill",
    }
    for group in negative:
        circle = group.find("svg:circle", NS)
        assert circle is not None
        assert circle.get("class") == "point point-negative"
        assert float(circle.get("cy", "nan")) > baseline
        icons = [g for g in group.iter(f"{{{NS['svg']}}}g") if g.get("class") == "icon-pain"]
        assert len(icons) == 1
    style = root.find("svg:style", NS)
    assert style is not None
    assert ".point-negative { fill: #c62828; }" in (style.text or "")
    for group in groups:
        if "emotion-positive" in group.get("class", ""):
            circle = group.find("svg:circle", NS)
            assert circle is not None
            assert float(circle.get("cy", "nan")) < baseline


def test_backstage_cards_sit_under_the_line_of_visibility() -> None:
    root = parsed("feature_tour")
    (line,) = [el for el in root.iter(f"{{{NS['svg']}}}line") if el.get("class") == "visibility"]
    visibility = float(line.get("y1", "nan"))
    hidden = [
        el
        for el in root.iter(f"{{{NS['svg']}}}rect")
        if el.get("class") in {"card card-backstage", "card card-support"}
    ]
    assert len(hidden) == 3
    assert all(float(rect.get("y", "nan")) > visibility for rect in hidden)


def test_truncated_text_keeps_its_full_text_in_a_tooltip() -> None:
    svg = svg_of("feature_tour")
    full = (
        "Calls sales to ask about the router, the installation date and whether the promotion "
        "also applies to existing customers who move house"
    )
    assert f"<title>{full}" in svg  # the card's tooltip starts with the full step name
    assert "installation date and…" in svg
