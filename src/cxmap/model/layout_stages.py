"""The stage header band: a chevron per stage with its name, then the goal and needs.

Headers share one height (the tallest stage decides) so lanes start on one line; the panel
with goals and needs is left out when no stage has either.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmap.model.journey import Journey, Stage
from cxmap.model.layout_blocks import Columns, one_line, r, text_block
from cxmap.model.layout_shapes import Point, Rect, StageColumn, TextBlock

NOTCH = 12.0  # depth of the chevron's point
BAND_GAP = 4.0  # white gap between two chevrons
NAME_SIZE = 15.0
PANEL_SIZE = 12.0
PANEL_PAD = 10.0
PANEL_GAP = 6.0  # between band and panel, and between panel and lanes
KICKER = 10.0  # size of the small "STAGE 1" / "GOAL" / "NEEDS" labels
GOAL_LINES = 3
NEED_LINES = 2


@dataclass(frozen=True, slots=True)
class StageHeaders:
    columns: tuple[StageColumn, ...]  # column rects cover the header only, for now
    height: float


def _chevron(x: float, w: float, top: float, h: float, first: bool) -> tuple[Point, ...]:
    left, right = x + BAND_GAP / 2, x + w - BAND_GAP / 2
    middle = top + h / 2
    points = [(left, top), (right - NOTCH, top), (right, middle), (right - NOTCH, top + h)]
    points.append((left, top + h))
    if not first:
        points.append((left + NOTCH, middle))
    return tuple(Point(r(px), r(py)) for px, py in points)


def _text_x(x: float, first: bool) -> float:
    return x + BAND_GAP / 2 + (12 if first else NOTCH + 12)


def _band_texts(
    stage: Stage, index: int, x: float, w: float, top: float
) -> tuple[list[TextBlock], float]:
    left = _text_x(x, index == 0)
    room = x + w - NOTCH - 8 - left
    kicker = one_line(left, top + 8, f"STAGE {index + 1}", KICKER, "stage-number", bold=True)
    name, name_h = text_block(
        left, top + 22, stage.name, room, NAME_SIZE, "stage-name", bold=True, max_lines=2
    )
    return [kicker, name], 22 + name_h + 8


def _panel_texts(
    stage: Stage, x: float, w: float, top: float
) -> tuple[list[TextBlock], list[Point], float]:
    """Goal and needs, each under a small label; returns texts, bullet points, height."""
    left = x + BAND_GAP / 2 + PANEL_PAD
    room = w - BAND_GAP - 2 * PANEL_PAD
    texts: list[TextBlock] = []
    bullets: list[Point] = []
    y = top + PANEL_PAD
    if stage.goal:
        texts.append(one_line(left, y, "GOAL", KICKER, "kicker", bold=True))
        goal, goal_h = text_block(
            left, y + 14, stage.goal, room, PANEL_SIZE, "goal", max_lines=GOAL_LINES
        )
        texts.append(goal)
        y += 14 + goal_h + 6
    if stage.needs:
        texts.append(one_line(left, y, "NEEDS", KICKER, "kicker", bold=True))
        y += 14
        for need in stage.needs:
            block, need_h = text_block(
                left + 11, y, need, room - 11, PANEL_SIZE, "need", max_lines=NEED_LINES
            )
            texts.append(block)
            bullets.append(Point(r(left + 3), r(y + block.line_height / 2)))
            y += need_h + 2
    return texts, bullets, y + PANEL_PAD - 2 - top


def stage_headers(journey: Journey, columns: Columns, top: float) -> StageHeaders:
    """Chevron bands of one height, and goal and needs panels of one height below them."""
    bands = []
    for index, stage in enumerate(journey.stages):
        x, w = columns.stage_x(index), columns.stage_w(index)
        bands.append(_band_texts(stage, index, x, w, top))
    band_h = r(max((h for _, h in bands), default=0.0))
    panel_top = r(top + band_h + PANEL_GAP)
    panels = []
    for index, stage in enumerate(journey.stages):
        x, w = columns.stage_x(index), columns.stage_w(index)
        panels.append(_panel_texts(stage, x, w, panel_top))
    has_panel = any(stage.goal or stage.needs for stage in journey.stages)
    panel_h = r(max((h for _, _, h in panels), default=0.0)) if has_panel else 0.0
    height = r(band_h + PANEL_GAP + (panel_h + PANEL_GAP if has_panel else 0.0))
    stages = []
    for index, stage in enumerate(journey.stages):
        x, w = columns.stage_x(index), columns.stage_w(index)
        texts, bullets, _ = panels[index]
        panel = (
            Rect(r(x + BAND_GAP / 2), panel_top, r(w - BAND_GAP), panel_h) if has_panel else None
        )
        stages.append(
            StageColumn(
                id=stage.id,
                index=index,
                column=Rect(x, r(top), w, height),
                band=_chevron(x, w, top, band_h, index == 0),
                texts=(*bands[index][0], *texts),
                bullets=tuple(bullets),
                panel=panel,
            )
        )
    return StageHeaders(tuple(stages), height if journey.stages else 0.0)
