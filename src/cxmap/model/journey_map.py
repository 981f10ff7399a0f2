"""A stored journey's map as data: the layout its SVG, PNG, PDF and HTML are drawn from.

The web app draws the canvas from this same layout (DESIGN: "the web app draws from the
same layout data"), so a map on screen and a map exported from the page never disagree.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from cxmap.model.layout_shapes import Layout
from cxmap.model.priority_records import MiningSummary


class MapLayout(BaseModel):
    """The journey at `version`, laid out; with the actual journey drawn over it when asked
    (`layout.gap` and the off-journey cards), from the analysis `actual` names."""

    model_config = ConfigDict(frozen=True)

    version: int
    actual: MiningSummary | None = Field(
        default=None, description="The stored event-log analysis drawn over the journey."
    )
    layout: Layout
