"""Journeys whose text holds characters XML cannot carry still draw well-formed maps."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cxmap.services.rendering import OutputFormat, render_journey
from tests.store.conftest import make_journey


def test_control_characters_do_not_break_the_svg_the_png_or_the_page() -> None:
    journey = make_journey(title="Check\x15out\x00 now\tand\x0bthen")
    made = render_journey(journey, [OutputFormat.SVG, OutputFormat.PNG, OutputFormat.HTML])
    svg = made[OutputFormat.SVG].decode("utf-8")
    title = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "Check\ufffdout\ufffd now\tand\ufffdthen"
    assert made[OutputFormat.PNG].startswith(b"\x89PNG\r\n\x1a\n")
    page = made[OutputFormat.HTML].decode("utf-8")
    assert "<title>Check\ufffdout\ufffd now\tand\ufffdthen</title>" in page
    assert not any(c in page for c in "\x15\x00\x0b")
