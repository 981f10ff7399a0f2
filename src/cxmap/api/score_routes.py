"""Scores and priorities: the workspace's weights, a journey's entered inputs, the ranked
scores (with a what-if weighting), a journey's stage and step scores, the ranking's
sensitivity, each stage's priorities, and the event-log analyses scores are computed from.

Weights and inputs are versioned documents: the version is their ETag and a change needs
If-Match (1 while nothing was saved). Scores are computed on every request, never stored,
so they always reflect the current data. The same use cases answer `cxmap score`.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status

from cxmap.api.auth import Actor
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY
from cxmap.api.request_limits import require_json
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import Criterion, ScoringSettings
from cxmap.model.priority_records import (
    JourneyInputs,
    JourneyPriorities,
    JourneyScores,
    RecordedPoints,
    ScoreBoard,
    SensitivityReport,
    StoredInputs,
    StoredScoring,
)
from cxmap.services.kpis import KeyMetrics
from cxmap.services.prioritisation import Prioritisation

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["scores"], responses=AUTHENTICATED)
JsonBody = Depends(require_json)
J = "/journeys/{journey_id}"
#: What-if weights are capped so sums stay finite; only their ratios matter anyway.
MAX_WEIGHT = 1_000_000


def prioritisation_of(request: Request) -> Prioritisation:
    service: Prioritisation = request.app.state.prioritisation
    return service


def key_metrics_of(request: Request) -> KeyMetrics:
    service: KeyMetrics = request.app.state.key_metrics
    return service


Service = Annotated[Prioritisation, Depends(prioritisation_of)]
Metrics = Annotated[KeyMetrics, Depends(key_metrics_of)]


def _weight(criterion: Criterion) -> Any:
    return Query(
        ge=0,
        le=MAX_WEIGHT,
        description=f"What-if weight of {criterion.value} (the saved one when left out).",
    )


def weight_overrides(
    cost: Annotated[float | None, _weight(Criterion.COST)] = None,
    sales: Annotated[float | None, _weight(Criterion.SALES)] = None,
    strategy: Annotated[float | None, _weight(Criterion.STRATEGY)] = None,
    frequency: Annotated[float | None, _weight(Criterion.FREQUENCY)] = None,
    experience: Annotated[float | None, _weight(Criterion.EXPERIENCE)] = None,
) -> dict[Criterion, float]:
    given = zip(Criterion, (cost, sales, strategy, frequency, experience), strict=True)
    return {criterion: value for criterion, value in given if value is not None}


Overrides = Annotated[dict[Criterion, float], Depends(weight_overrides)]


@router.get("/score-weights")
def get_score_weights(
    workspace_id: UUID, response: Response, actor: Actor, service: Service
) -> StoredScoring:
    """The workspace's weights and normalisation scale; version 1 = the defaults."""
    found = service.settings(actor, workspace_id)
    tag_version(response, found.version)
    return found


@router.put("/score-weights", dependencies=[JsonBody], responses={**WITH_BODY, **VERSIONED_WRITE})
def put_score_weights(
    workspace_id: UUID,
    body: ScoringSettings,
    response: Response,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> StoredScoring:
    """Save weights and scale (needs If-Match; editors and owners)."""
    expected = required_version(if_match)
    saved = service.replace_settings(actor, workspace_id, body, expected=expected)
    tag_version(response, saved.version)
    return saved


@router.get(J + "/score-inputs")
def get_score_inputs(
    workspace_id: UUID, journey_id: UUID, response: Response, actor: Actor, service: Service
) -> StoredInputs:
    """What the team entered for the journey, its stages and steps, each with its source."""
    found = service.inputs(actor, workspace_id, journey_id)
    tag_version(response, found.version)
    return found


@router.put(
    J + "/score-inputs", dependencies=[JsonBody], responses={**WITH_BODY, **VERSIONED_WRITE}
)
def put_score_inputs(
    workspace_id: UUID,
    journey_id: UUID,
    body: JourneyInputs,
    response: Response,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> StoredInputs:
    """Replace the journey's entered inputs (needs If-Match)."""
    expected = required_version(if_match)
    saved = service.replace_inputs(actor, workspace_id, journey_id, body, expected=expected)
    tag_version(response, saved.version)
    return saved


@router.get("/scores")
def get_scores(
    workspace_id: UUID, actor: Actor, service: Service, overrides: Overrides
) -> ScoreBoard:
    """Every journey scored 1..100 and ranked, with each criterion's contribution; weights
    given in the query change this answer only (a live what-if, nothing saved)."""
    return service.scoreboard(actor, workspace_id, overrides)


@router.get("/scores/sensitivity")
def get_sensitivity(
    workspace_id: UUID,
    actor: Actor,
    service: Service,
    overrides: Overrides,
    delta: Annotated[float, Query(gt=0, lt=1, description="Share each weight moves.")] = 0.2,
) -> SensitivityReport:
    """Which journeys change rank if any one weight moves by ±delta (20 % by default)."""
    return service.sensitivity(actor, workspace_id, overrides, delta)


@router.post(J + "/score")
def score_journey(
    workspace_id: UUID, journey_id: UUID, actor: Actor, service: Service, overrides: Overrides
) -> JourneyScores:
    """Score the journey and each of its stages and steps (what `cxmap score --journey`
    shows), optionally with what-if weights."""
    return service.journey_scores(actor, workspace_id, journey_id, overrides)


@router.get(J + "/priorities")
def get_priorities(
    workspace_id: UUID, journey_id: UUID, actor: Actor, service: Service
) -> JourneyPriorities:
    """Each stage's pain points and opportunities by expected impact over effort."""
    return service.priorities(actor, workspace_id, journey_id)


@router.post(
    J + "/analyses",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses=WITH_BODY,
)
def add_analysis(
    workspace_id: UUID, journey_id: UUID, body: MiningResult, actor: Actor, metrics: Metrics
) -> RecordedPoints:
    """Keep an event-log analysis of the journey (the JSON `cxmap mine --journey` writes):
    it feeds frequency, priorities and metrics; every metric of the journey gets a point."""
    return metrics.add_analysis(actor, workspace_id, journey_id, body)
