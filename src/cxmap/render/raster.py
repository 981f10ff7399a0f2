"""PNG and PDF of the map, derived from its SVG by typst, in memory.

typst draws SVG text with usvg, whose font fallback has two traps this module steps around:

- When a text needs a fallback font (an emoji) and some installed font covers *every*
  character of it (Symbola, a serif), usvg redraws the whole text in that font. So typst
  gets only the fonts the map asks for (Noto Sans, Noto Sans CJK, Noto Color Emoji) when
  they are installed, which keeps Latin and CJK in Noto Sans CJK and emoji in colour.
- Fallback is given up when the fallback font shapes the text into a different number of
  glyphs: ligatures (`fi`, `ffl`) and multi-character emoji (skin tones, ZWJ families,
  flags, keycaps) do that. In texts with emoji, ligatures are broken with a zero-width
  non-joiner and emoji sequences are reduced to their base emoji (a flag becomes its two
  letters), so the emoji is still drawn instead of an empty box.

The SVG written to disk is untouched; only what typst reads is adjusted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal

import typst

from cxmap.model.errors import CxmapError

PNG_SCALE = 2.0  # device pixels per SVG user unit: crisp on high-density screens and print
MAX_PNG_SIDE = 32_000  # pixels; larger maps are scaled down (the SVG and PDF stay sharp)
MAX_PNG_PIXELS = 80_000_000  # below Pillow's decompression-bomb warning
MAX_PDF_SIDE = 14_400.0  # points: the largest page PDF viewers accept (200 inches)
POINTS_PER_UNIT = 0.75  # an SVG user unit is a CSS pixel, 1/96 inch

_FAMILIES = ("Noto Sans", "Noto Color Emoji")
_SOURCE = """#set page(width: {width}pt, height: {height}pt, margin: 0pt, fill: white)
#set document(title: sys.inputs.title)
#image(bytes(sys.inputs.svg), format: "svg", width: 100%, height: 100%)
"""
_TEXT_ELEMENT = re.compile(r"<text\b[^>]*>.*?</text>", re.DOTALL)
_TEXT_NODE = re.compile(r">([^<]+)<")
_SEQUENCE_MARKS = re.compile("[\ufe0e\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")
_LIGATURE = re.compile(r"f(?=[a-z])")


@cache
def _compiler() -> typst.Compiler:
    """One compiler per process; scanning fonts is the slow part of a first render."""
    installed = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
    folders = sorted(
        {
            str(Path(font.path).parent)
            for font in installed.fonts()
            if font.path and font.family.startswith(_FAMILIES)
        }
    )
    if not folders:  # the Noto fonts are missing: draw with whatever the system has
        return typst.Compiler()
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=folders
    )
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


def _has_emoji(text: str) -> bool:
    return any(ord(c) >= 0x1F000 or unicodedata.category(c) == "So" for c in text)


def _safe_text(match: re.Match[str]) -> str:
    text = match.group(1)
    if not _has_emoji(text):
        return match.group(0)
    text = _SEQUENCE_MARKS.sub("", text)
    text = _REGIONAL.sub(lambda m: chr(ord(m.group(0)) - 0x1F1E6 + ord("A")), text)
    text = _LIGATURE.sub("f\u200c", text)
    return f">{text}<"


def typst_ready(svg: str) -> str:
    """The SVG with emoji texts adjusted to usvg's font fallback (see the module docstring)."""
    return _TEXT_ELEMENT.sub(lambda m: _TEXT_NODE.sub(_safe_text, m.group(0)), svg)


def png_scale(width: float, height: float) -> float:
    """Pixels per user unit: `PNG_SCALE`, less for maps too large for one image."""
    fits = min(MAX_PNG_SIDE / max(width, height), math.sqrt(MAX_PNG_PIXELS / (width * height)))
    return min(PNG_SCALE, fits)


def _compile(
    svg: str,
    title: str,
    fmt: Literal["png", "pdf"],
    size: tuple[float, float],
    ppi: float | None = None,
    timestamp: datetime | None = None,
) -> bytes:
    source = _SOURCE.format(width=f"{size[0]:.2f}", height=f"{size[1]:.2f}")
    inputs = {"svg": typst_ready(svg), "title": title}
    try:
        result = _compiler().compile(
            source.encode("utf-8"), format=fmt, ppi=ppi, sys_inputs=inputs, timestamp=timestamp
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # TypstError, or a Rust panic (pyo3's PanicException)
        raise CxmapError(f"could not draw the {fmt.upper()}: {error}") from None
    if not isinstance(result, bytes):
        raise CxmapError(f"could not draw the {fmt.upper()}: typst made more than one page")
    return result


def svg_to_png(svg: str, width: float, height: float, title: str) -> bytes:
    """A PNG of the SVG (`width` x `height` user units) at `png_scale` pixels per unit."""
    scale = png_scale(width, height)
    points = (width * POINTS_PER_UNIT, height * POINTS_PER_UNIT)
    return _compile(svg, title, "png", points, ppi=96 * scale)


def svg_to_pdf(
    svg: str, width: float, height: float, title: str, timestamp: datetime | None = None
) -> bytes:
    """A one-page vector PDF, the page as large as the map (scaled down past 200 inches).

    With `timestamp` (the journey's `updated_at`) the PDF is the same bytes every time.
    PDF dates have whole seconds (Typst refuses more), so a stored journey's microseconds
    are dropped.
    """
    fit = min(1.0, MAX_PDF_SIDE / (max(width, height) * POINTS_PER_UNIT))
    points = (width * POINTS_PER_UNIT * fit, height * POINTS_PER_UNIT * fit)
    whole = timestamp.replace(microsecond=0) if timestamp is not None else None
    return _compile(svg, title, "pdf", points, timestamp=whole)
