"""Lane items (actions, thoughts, frontstage, backstage, support) of a stage or a step.

Items have no ids in the journey format, so they are addressed by position in their lane;
If-Match on every replace and delete makes sure the position still means the same item.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Path, Response, status

from cxmap.api.auth import Actor, Server
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY, journey_body
from cxmap.api.request_limits import require_json
from cxmap.api.schemas import LaneItemList
from cxmap.api.versions import (
    IfMatchHeader,
    OptionalIfMatchHeader,
    optional_version,
    required_version,
    tag_version,
)
from cxmap.model.journey_edits import AnchorKind
from cxmap.services.journey_parts import LaneAddress

router = APIRouter(
    prefix="/workspaces/{workspace_id}/journeys/{journey_id}",
    tags=["journey parts"],
    responses=AUTHENTICATED,
)
JsonBody = Depends(require_json)
TextLane = Literal["actions", "thoughts", "frontstage", "backstage", "support"]
AnchorId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80)]
Index = Annotated[int, Path(ge=0, le=100_000)]
Item = Annotated[dict[str, Any], Body()]


def _lanes(anchor: AnchorKind) -> None:
    plural = f"{anchor.value}s"
    base = f"/{plural}/{{anchor_id}}/lanes/{{lane}}"

    def answer(response: Response, lane: str, version: int, items: list[Any]) -> LaneItemList:
        tag_version(response, version)
        return LaneItemList.model_validate({"lane": lane, "items": items})

    @router.get(base, name=f"list_{anchor.value}_lane")
    def list_items(
        workspace_id: UUID,
        journey_id: UUID,
        anchor_id: AnchorId,
        lane: TextLane,
        response: Response,
        actor: Actor,
        server: Server,
    ) -> LaneItemList:
        address = LaneAddress(anchor, anchor_id, lane)
        stored, items = server.parts.lane(actor, workspace_id, journey_id, address)
        return answer(response, lane, stored.version, items)

    @router.post(
        base,
        status_code=status.HTTP_201_CREATED,
        name=f"add_{anchor.value}_lane_item",
        dependencies=[JsonBody],
        responses={**WITH_BODY, **VERSIONED_WRITE},
        openapi_extra=journey_body("LaneItem"),
    )
    def add_item(
        workspace_id: UUID,
        journey_id: UUID,
        anchor_id: AnchorId,
        lane: TextLane,
        body: Item,
        response: Response,
        actor: Actor,
        server: Server,
        if_match: OptionalIfMatchHeader = None,
    ) -> LaneItemList:
        """Add an item at the end of the lane."""
        stored, items = server.parts.edit_lane_item(
            actor,
            (workspace_id, journey_id),
            LaneAddress(anchor, anchor_id, lane),
            index=None,
            item=body,
            expected_version=optional_version(if_match),
        )
        return answer(response, lane, stored.version, items)

    @router.put(
        f"{base}/{{index}}",
        name=f"replace_{anchor.value}_lane_item",
        dependencies=[JsonBody],
        responses={**WITH_BODY, **VERSIONED_WRITE},
        openapi_extra=journey_body("LaneItem"),
    )
    def replace_item(
        workspace_id: UUID,
        journey_id: UUID,
        anchor_id: AnchorId,
        lane: TextLane,
        index: Index,
        body: Item,
        response: Response,
        actor: Actor,
        server: Server,
        if_match: IfMatchHeader = None,
    ) -> LaneItemList:
        stored, items = server.parts.edit_lane_item(
            actor,
            (workspace_id, journey_id),
            LaneAddress(anchor, anchor_id, lane),
            index=index,
            item=body,
            expected_version=required_version(if_match),
        )
        return answer(response, lane, stored.version, items)

    @router.delete(
        f"{base}/{{index}}", name=f"delete_{anchor.value}_lane_item", responses=VERSIONED_WRITE
    )
    def delete_item(
        workspace_id: UUID,
        journey_id: UUID,
        anchor_id: AnchorId,
        lane: TextLane,
        index: Index,
        response: Response,
        actor: Actor,
        server: Server,
        if_match: IfMatchHeader = None,
    ) -> LaneItemList:
        stored, items = server.parts.edit_lane_item(
            actor,
            (workspace_id, journey_id),
            LaneAddress(anchor, anchor_id, lane),
            index=index,
            item=None,
            expected_version=required_version(if_match),
        )
        return answer(response, lane, stored.version, items)


for _anchor in AnchorKind:
    _lanes(_anchor)
