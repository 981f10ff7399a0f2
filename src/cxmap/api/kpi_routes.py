"""/workspaces/{w}/kpis: key metrics with targets, their dated points, progress charts and
before/after comparisons; and recording a point for every metric of a journey.

A metric's version is its ETag; PUT and DELETE need If-Match. Points come from the data
(`POST /workspaces/{w}/journeys/{j}/kpi-points`, also run after an evidence import or a
stored analysis) or by hand (`POST .../kpis/{k}/points`). Comparison windows are written
`START..END` (dates or ISO times, the end left out) or `vN` (version N of the journey).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import AwareDatetime

from cxmap.api.auth import Actor
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY, problems
from cxmap.api.request_limits import require_json
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.priorities import Kpi, KpiComparison, KpiPoint
from cxmap.model.priority_records import (
    ChartFormat,
    KpiSeries,
    ManualPoint,
    RecordedPoints,
    StoredKpi,
    parse_window,
)
from cxmap.services.kpis import KeyMetrics

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["kpis"], responses=AUTHENTICATED)
JsonBody = Depends(require_json)
K = "/kpis/{kpi_id}"
WINDOW = "START..END (dates or ISO times; END left out) or vN (version N of the journey)."
_CHARTS: dict[ChartFormat, dict[int | str, dict[str, Any]]] = {
    ChartFormat.SVG: {
        200: {
            "description": "The progress chart as SVG.",
            "content": {"image/svg+xml": {"schema": {"type": "string"}}},
        }
    },
    ChartFormat.PNG: {
        200: {
            "description": "The progress chart as PNG (drawn from the SVG).",
            "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
}


def key_metrics_of(request: Request) -> KeyMetrics:
    service: KeyMetrics = request.app.state.key_metrics
    return service


Service = Annotated[KeyMetrics, Depends(key_metrics_of)]


def stored(response: Response, kpi: StoredKpi) -> StoredKpi:
    tag_version(response, kpi.version)
    return kpi


@router.get("/kpis")
def list_kpis(
    workspace_id: UUID,
    actor: Actor,
    service: Service,
    journey_id: Annotated[UUID | None, Query(description="Only this journey's metrics.")] = None,
) -> list[StoredKpi]:
    return service.search(actor, workspace_id, journey_id)


@router.post(
    "/kpis",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
)
def create_kpi(
    workspace_id: UUID, body: Kpi, response: Response, actor: Actor, service: Service
) -> StoredKpi:
    """Define a metric of a journey (`journey` is its id in the workspace) with a target."""
    kpi = service.define(actor, workspace_id, body)
    response.headers["Location"] = f"/workspaces/{workspace_id}/kpis/{kpi.id}"
    return stored(response, kpi)


@router.get(K)
def get_kpi(
    workspace_id: UUID, kpi_id: UUID, response: Response, actor: Actor, service: Service
) -> StoredKpi:
    return stored(response, service.get(actor, workspace_id, kpi_id))


@router.put(K, dependencies=[JsonBody], responses={**WITH_BODY, **VERSIONED_WRITE})
def replace_kpi(
    workspace_id: UUID,
    kpi_id: UUID,
    body: Kpi,
    response: Response,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> StoredKpi:
    """A new definition (same journey; needs If-Match)."""
    expected = required_version(if_match)
    return stored(response, service.replace(actor, workspace_id, kpi_id, body, expected=expected))


@router.delete(K, status_code=status.HTTP_204_NO_CONTENT, responses=VERSIONED_WRITE)
def delete_kpi(
    workspace_id: UUID,
    kpi_id: UUID,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> Response:
    """Remove the metric and its points (needs If-Match)."""
    expected = required_version(if_match)
    service.delete(actor, workspace_id, kpi_id, expected=expected)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(K + "/points")
def kpi_points(
    workspace_id: UUID,
    kpi_id: UUID,
    actor: Actor,
    service: Service,
    start: Annotated[AwareDatetime | None, Query(description="From (included).")] = None,
    end: Annotated[AwareDatetime | None, Query(description="Until (left out).")] = None,
) -> KpiSeries:
    """The metric and its points, oldest first."""
    return service.series(actor, workspace_id, kpi_id, start=start, end=end)


@router.post(
    K + "/points",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses=WITH_BODY,
)
def add_point(
    workspace_id: UUID, kpi_id: UUID, body: ManualPoint, actor: Actor, service: Service
) -> KpiPoint:
    """A value measured elsewhere, entered by hand."""
    return service.add_point(actor, workspace_id, kpi_id, body)


@router.get(K + "/comparison")
def compare_kpi(
    workspace_id: UUID,
    kpi_id: UUID,
    actor: Actor,
    service: Service,
    before: Annotated[str, Query(max_length=200, description=WINDOW)],
    after: Annotated[str, Query(max_length=200, description=WINDOW)],
) -> KpiComparison:
    """The metric before and after: two periods, or two versions of the journey."""
    windows = parse_window(before, "before"), parse_window(after, "after")
    return service.compare(actor, workspace_id, kpi_id, *windows)


@router.get(K + "/chart.svg", response_class=Response, responses=_CHARTS[ChartFormat.SVG])
def kpi_chart_svg(workspace_id: UUID, kpi_id: UUID, actor: Actor, service: Service) -> Response:
    """The progress chart: points, target line, labels (drawn like the map)."""
    chart = service.chart(actor, workspace_id, kpi_id, ChartFormat.SVG)
    return Response(chart, media_type="image/svg+xml")


@router.get(K + "/chart.png", response_class=Response, responses=_CHARTS[ChartFormat.PNG])
def kpi_chart_png(workspace_id: UUID, kpi_id: UUID, actor: Actor, service: Service) -> Response:
    chart = service.chart(actor, workspace_id, kpi_id, ChartFormat.PNG)
    return Response(chart, media_type="image/png")


@router.post("/journeys/{journey_id}/kpi-points")
def record_points(
    workspace_id: UUID, journey_id: UUID, actor: Actor, service: Service
) -> RecordedPoints:
    """A dated point for every metric of the journey, measured from its current evidence and
    newest event-log analysis."""
    return service.record(actor, workspace_id, journey_id)
