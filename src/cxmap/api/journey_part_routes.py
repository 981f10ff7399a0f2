"""Stages, steps, insights and opportunities of a journey as resources of their own.

Each is a view into the journey document: reading one answers with the journey's version
as ETag, and changing one writes a new version of the journey, validated whole, so a
problem is reported where it sits in the journey (`stages[2].steps[0].emotion`).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Path, Query, Response, status

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY, journey_body
from cxmap.api.request_limits import require_json
from cxmap.api.versions import (
    IfMatchHeader,
    OptionalIfMatchHeader,
    optional_version,
    required_version,
    tag_version,
)
from cxmap.model.journey import Insight, Opportunity, Stage, Step
from cxmap.model.journey_edits import PartKind

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}",
    tags=["journey parts"],
    responses=AUTHENTICATED,
)
JsonBody = Depends(require_json)
Item = Annotated[dict[str, Any], Body()]
PartId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
Position = Annotated[
    int | None, Query(ge=0, le=100_000, description="Where to insert, from 0; default last.")
]

_MODELS: dict[PartKind, type[Any]] = {
    PartKind.STAGE: Stage,
    PartKind.STEP: Step,
    PartKind.INSIGHT: Insight,
    PartKind.OPPORTUNITY: Opportunity,
}
_PLURAL = {
    PartKind.STAGE: "stages",
    PartKind.STEP: "steps",
    PartKind.INSIGHT: "insights",
    PartKind.OPPORTUNITY: "opportunities",
}


def _add_routes(kind: PartKind) -> None:
    """GET list, GET one, PUT and DELETE for one kind of part (POST varies by kind)."""
    model, plural, name = _MODELS[kind], _PLURAL[kind], kind.value

    @router.get(f"/{plural}", response_model=list[model], name=f"list_{plural}")  # type: ignore[valid-type]
    def list_parts(
        workspace_id: UUID, journey_id: UUID, response: Response, actor: Actor, server: Server
    ) -> Any:
        stored, parts = server.parts.all(actor, workspace_id, journey_id, kind)
        tag_version(response, stored.version)
        return parts

    @router.get(f"/{plural}/{{part_id}}", response_model=model, name=f"get_{name}")
    def get_part(
        workspace_id: UUID,
        journey_id: UUID,
        part_id: PartId,
        response: Response,
        actor: Actor,
        server: Server,
    ) -> Any:
        result = server.parts.get(actor, workspace_id, journey_id, kind, part_id)
        tag_version(response, result.stored.version)
        return result.part

    @router.put(
        f"/{plural}/{{part_id}}",
        response_model=model,
        name=f"replace_{name}",
        dependencies=[JsonBody],
        responses={**WITH_BODY, **VERSIONED_WRITE},
        openapi_extra=journey_body(model.__name__),
    )
    def replace_part(
        workspace_id: UUID,
        journey_id: UUID,
        part_id: PartId,
        body: Item,
        response: Response,
        actor: Actor,
        server: Server,
        if_match: IfMatchHeader = None,
    ) -> Any:
        expected = required_version(if_match)
        result = server.parts.replace(
            actor, (workspace_id, journey_id), kind, part_id, body, expected_version=expected
        )
        tag_version(response, result.stored.version)
        return result.part

    @router.delete(
        f"/{plural}/{{part_id}}",
        status_code=status.HTTP_204_NO_CONTENT,
        name=f"delete_{name}",
        responses=VERSIONED_WRITE,
    )
    def delete_part(
        workspace_id: UUID,
        journey_id: UUID,
        part_id: PartId,
        actor: Actor,
        server: Server,
        if_match: IfMatchHeader = None,
    ) -> Response:
        expected = required_version(if_match)
        journey = server.parts.delete(
            actor, (workspace_id, journey_id), kind, part_id, expected_version=expected
        )
        response = Response(status_code=status.HTTP_204_NO_CONTENT)
        tag_version(response, journey.version)
        return response


def _add_create_route(kind: PartKind) -> None:
    """POST a new stage, insight or opportunity (steps are created inside a stage)."""
    model, plural, name = _MODELS[kind], _PLURAL[kind], kind.value

    @router.post(
        f"/{plural}",
        status_code=status.HTTP_201_CREATED,
        response_model=model,
        name=f"create_{name}",
        dependencies=[JsonBody],
        responses={**WITH_BODY, **VERSIONED_WRITE},
        openapi_extra=journey_body(model.__name__),
    )
    def create_part(
        workspace_id: UUID,
        journey_id: UUID,
        body: Item,
        response: Response,
        actor: Actor,
        server: Server,
        position: Position = None,
        if_match: OptionalIfMatchHeader = None,
    ) -> Any:
        result = server.parts.create(
            actor,
            (workspace_id, journey_id),
            kind,
            body,
            expected_version=optional_version(if_match),
            position=position,
        )
        tag_version(response, result.stored.version)
        return result.part


@router.post(
    "/stages/{stage_id}/steps",
    status_code=status.HTTP_201_CREATED,
    response_model=Step,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **VERSIONED_WRITE},
    openapi_extra=journey_body("Step"),
)
def create_step(
    workspace_id: UUID,
    journey_id: UUID,
    stage_id: PartId,
    body: Item,
    response: Response,
    actor: Actor,
    server: Server,
    position: Position = None,
    if_match: OptionalIfMatchHeader = None,
) -> Any:
    """Add a step to a stage (at `position`, or last)."""
    result = server.parts.create(
        actor,
        (workspace_id, journey_id),
        PartKind.STEP,
        body,
        expected_version=optional_version(if_match),
        stage_id=stage_id,
        position=position,
    )
    tag_version(response, result.stored.version)
    return result.part


for _kind in PartKind:
    _add_routes(_kind)
    if _kind is not PartKind.STEP:
        _add_create_route(_kind)
