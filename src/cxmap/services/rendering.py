"""Drawing journey files: load, lay out once, render each asked-for format, write atomically.

Every input is read and checked before anything is drawn, and everything is drawn in
memory before the first file is written, so a bad journey (or a clash of output names)
leaves the output folder as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cxmap.model.errors import CxmapError, InvalidInputError, Problem
from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.journey_gap import GapOverlay
from cxmap.model.layout import layout_journey
from cxmap.model.layout_shapes import Layout
from cxmap.render.html import journey_to_html
from cxmap.render.raster import PNG_SCALE, png_scale, svg_to_pdf, svg_to_png
from cxmap.render.svg import layout_to_svg
from cxmap.services.actual_journey import ActualJourney, overlay_for
from cxmap.services.evidence_summary_files import check_evidence_fits
from cxmap.services.journey_files import load_journey, write_atomically


class OutputFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    HTML = "html"


_SUFFIXES = {f".{fmt.value}": fmt for fmt in OutputFormat} | {".htm": OutputFormat.HTML}
_CHOICES = ", ".join(fmt.value for fmt in OutputFormat)


@dataclass(frozen=True)
class Drawn:
    """One written map file; `note` says when a PNG had to be scaled down."""

    source: Path
    path: Path
    note: str = ""


@dataclass(frozen=True)
class RenderReport:
    """What a render did: problems (and then nothing was written) or the files written."""

    problems: list[str] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)

    def by_source(self) -> list[tuple[Path, list[Drawn]]]:
        grouped: dict[Path, list[Drawn]] = {}
        for item in self.drawn:
            grouped.setdefault(item.source, []).append(item)
        return list(grouped.items())


def parse_formats(text: str) -> list[OutputFormat]:
    """`svg,png` -> [SVG, PNG], in the given order, without repeats."""
    chosen: list[OutputFormat] = []
    for index, word in enumerate(part.strip().lower() for part in text.split(",")):
        if word not in {fmt.value for fmt in OutputFormat}:
            message = f"unknown format '{word}'; choose from {_CHOICES}"
            raise InvalidInputError([Problem(("--format", index), message)])
        if OutputFormat(word) not in chosen:
            chosen.append(OutputFormat(word))
    return chosen


def format_of(path: Path) -> OutputFormat:
    """The format an output file name asks for, by its suffix."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise CxmapError(
            f"{path}: cannot tell the format from '{path.suffix or 'no suffix'}'; "
            "end the name in .svg, .png, .pdf or .html"
        )
    return fmt


Evidence = Mapping[str, StepEvidence]


def render_journey(
    journey: Journey,
    formats: Sequence[OutputFormat],
    overlay: GapOverlay | None = None,
    evidence: Evidence | None = None,
) -> dict[OutputFormat, bytes]:
    """The map of `journey` in each format; one layout, one SVG, the others derived from it.

    `evidence` (per step id) draws the emotions the evidence gives beside the hand-set ones.
    """
    if evidence:
        check_evidence_fits(journey, evidence)
    return _draw(journey, formats, overlay, evidence)[1]


def _draw(
    journey: Journey,
    formats: Sequence[OutputFormat],
    overlay: GapOverlay | None = None,
    evidence: Evidence | None = None,
) -> tuple[Layout, dict[OutputFormat, bytes]]:
    layout = layout_journey(journey, overlay, evidence)
    svg = layout_to_svg(layout)
    title = layout.title
    made: dict[OutputFormat, bytes] = {}
    for fmt in formats:
        if fmt is OutputFormat.SVG:
            made[fmt] = svg.encode("utf-8")
        elif fmt is OutputFormat.PNG:
            made[fmt] = svg_to_png(svg, layout.width, layout.height, title)
        elif fmt is OutputFormat.PDF:
            made[fmt] = svg_to_pdf(svg, layout.width, layout.height, title, journey.updated_at)
        else:
            made[fmt] = journey_to_html(journey, svg).encode("utf-8")
    return layout, made


def _load_all(sources: Sequence[Path]) -> tuple[dict[Path, Journey], list[str]]:
    journeys: dict[Path, Journey] = {}
    problems: list[str] = []
    for source in sources:
        try:
            journeys[source] = load_journey(source)
        except InvalidInputError as error:
            problems.extend(error.lines())
        except CxmapError as error:
            problems.append(str(error))
    return journeys, problems


def _note(layout: Layout, fmt: OutputFormat) -> str:
    if fmt is not OutputFormat.PNG:
        return ""
    shrink = png_scale(layout.width, layout.height) / PNG_SCALE
    if shrink >= 1:
        return ""
    return f"scaled to {shrink:.0%} to fit one image; zoom into the SVG or PDF instead"


def _render_jobs(
    jobs: Sequence[tuple[Path, Path, OutputFormat]],
    actual: ActualJourney | None = None,
    evidence: Evidence | None = None,
) -> RenderReport:
    """Check every source, draw every job in memory, then write them all.

    With `actual`, the actual journey is drawn over the (one) journey; a mined result that
    does not fit the journey is an error, and nothing is written. `evidence` goes with one
    journey too, and must name only its steps.
    """
    clash = _clashing_target(jobs)
    if clash:
        return RenderReport(problems=[clash])
    journeys, problems = _load_all(list(dict.fromkeys(source for source, _, _ in jobs)))
    if problems:
        return RenderReport(problems=problems)
    if actual is not None and len(journeys) > 1:
        return RenderReport(problems=["the actual journey goes over one journey; give one file"])
    if evidence and len(journeys) > 1:
        return RenderReport(problems=["the evidence goes with one journey; give one file"])
    problems = _misfits(journeys, evidence)
    if problems:
        return RenderReport(problems=problems)
    drawings: list[tuple[Drawn, bytes]] = []
    for source, journey in journeys.items():
        overlay = overlay_for(journey, source, actual) if actual is not None else None
        mine = [(target, fmt) for s, target, fmt in jobs if s == source]
        layout, made = _draw(journey, [fmt for _, fmt in mine], overlay, evidence)
        drawings.extend(
            (Drawn(source, target, _note(layout, fmt)), made[fmt]) for target, fmt in mine
        )
    for drawn, content in drawings:
        write_atomically(drawn.path, content)
    return RenderReport(drawn=[drawn for drawn, _ in drawings])


def _misfits(journeys: dict[Path, Journey], evidence: Evidence | None) -> list[str]:
    if not evidence:
        return []
    problems = []
    for source, journey in journeys.items():
        try:
            check_evidence_fits(journey, evidence)
        except CxmapError as error:
            problems.append(f"{source}: {error}")
    return problems


def _clashing_target(jobs: Sequence[tuple[Path, Path, OutputFormat]]) -> str:
    seen: dict[Path, Path] = {}
    for source, target, _ in jobs:
        first = seen.setdefault(target.resolve(), source)
        if first != source:
            return (
                f"{first} and {source} would both be drawn to {target}; render them one at a time"
            )
    return ""


def render_file(
    source: Path,
    output: Path,
    actual: ActualJourney | None = None,
    evidence: Evidence | None = None,
) -> RenderReport:
    """`cxmap render FILE -o map.png`: the format comes from the output's suffix."""
    return _render_jobs([(source, output, format_of(output))], actual, evidence)


def render_to_folder(
    sources: Sequence[Path],
    folder: Path,
    formats: str,
    actual: ActualJourney | None = None,
    evidence: Evidence | None = None,
) -> RenderReport:
    """`cxmap render FILE... --out-dir DIR --format svg,png`: DIR/<stem>.<format> for each."""
    chosen = parse_formats(formats)
    jobs = [
        (source, folder / f"{source.stem}.{fmt.value}", fmt)
        for source in dict.fromkeys(sources)
        for fmt in chosen
    ]
    return _render_jobs(jobs, actual, evidence)
