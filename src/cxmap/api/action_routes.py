"""/workspaces/{w}/actions: suggest actions from the data, add, list, read, change (owner,
due date, status ...), delete, see an action's history, and export the list.

An action's version is its ETag; PATCH and DELETE need If-Match. Accepting or dismissing
is a PATCH of `status`. Exports: CSV, JSON, Jira's CSV import and GitHub issue bodies
(see `cxmap.render.action_export`).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status

from cxmap.api.auth import Actor
from cxmap.api.openapi_docs import AUTHENTICATED, VERSIONED_WRITE, WITH_BODY, problems
from cxmap.api.request_limits import require_json
from cxmap.api.versions import IfMatchHeader, required_version, tag_version
from cxmap.model.priorities import ActionStatus
from cxmap.model.priority_records import (
    ActionChange,
    ActionEdit,
    ActionExportFormat,
    NewAction,
    StoredAction,
    SuggestOutcome,
)
from cxmap.services.actions import ActionFilter, ActionLists

router = APIRouter(
    prefix="/workspaces/{workspace_id}/actions", tags=["actions"], responses=AUTHENTICATED
)
JsonBody = Depends(require_json)
_ARRAY = {"type": "array", "items": {"type": "object"}}
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The actions as a file (csv and jira: CSV; json and github: JSON).",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": _ARRAY},
        },
    }
}


def actions_of(request: Request) -> ActionLists:
    service: ActionLists = request.app.state.actions
    return service


Service = Annotated[ActionLists, Depends(actions_of)]
JourneyFilter = Annotated[UUID | None, Query(description="Only this journey's actions.")]
StatusFilter = Annotated[ActionStatus | None, Query(alias="status")]


def stored(response: Response, action: StoredAction) -> StoredAction:
    tag_version(response, action.version)
    return action


@router.get("")
def list_actions(
    workspace_id: UUID,
    actor: Actor,
    service: Service,
    journey_id: JourneyFilter = None,
    action_status: StatusFilter = None,
) -> list[StoredAction]:
    """The workspace's actions, oldest first."""
    return service.search(actor, workspace_id, ActionFilter(journey_id, action_status))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[JsonBody],
    responses={**WITH_BODY, **problems(409)},
)
def create_action(
    workspace_id: UUID, body: NewAction, response: Response, actor: Actor, service: Service
) -> StoredAction:
    """Add an action by hand (status `accepted` unless the body says otherwise)."""
    action = service.create(actor, workspace_id, body)
    response.headers["Location"] = f"/workspaces/{workspace_id}/actions/{action.id}"
    return stored(response, action)


@router.post("/suggest")
def suggest_actions(
    workspace_id: UUID, actor: Actor, service: Service, journey_id: JourneyFilter = None
) -> SuggestOutcome:
    """Generate suggestions from the data (one journey, or all) and keep the new ones."""
    return service.suggest(actor, workspace_id, journey_id)


@router.get("/export", response_class=Response, responses=EXPORT_RESPONSES)
def export_actions(
    workspace_id: UUID,
    actor: Actor,
    service: Service,
    fmt: Annotated[ActionExportFormat, Query(alias="format")] = ActionExportFormat.CSV,
    journey_id: JourneyFilter = None,
    action_status: StatusFilter = None,
) -> Response:
    """The actions as CSV, JSON, Jira CSV or GitHub issues JSON (tickets leave out
    dismissed actions)."""
    exported = service.export(actor, workspace_id, fmt, ActionFilter(journey_id, action_status))
    headers = {"Content-Disposition": f'attachment; filename="{exported.file_name}"'}
    return Response(exported.text, media_type=exported.media_type, headers=headers)


@router.get("/{action_id}")
def get_action(
    workspace_id: UUID, action_id: UUID, response: Response, actor: Actor, service: Service
) -> StoredAction:
    return stored(response, service.get(actor, workspace_id, action_id))


@router.patch("/{action_id}", dependencies=[JsonBody], responses={**WITH_BODY, **VERSIONED_WRITE})
def edit_action(
    workspace_id: UUID,
    action_id: UUID,
    body: ActionEdit,
    response: Response,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> StoredAction:
    """Change the fields given: title, description, owner, due, status (needs If-Match)."""
    expected = required_version(if_match)
    data = body.model_dump(mode="json", include=body.model_fields_set)
    action = service.edit(actor, workspace_id, action_id, data, expected=expected)
    return stored(response, action)


@router.delete("/{action_id}", status_code=status.HTTP_204_NO_CONTENT, responses=VERSIONED_WRITE)
def delete_action(
    workspace_id: UUID,
    action_id: UUID,
    actor: Actor,
    service: Service,
    if_match: IfMatchHeader = None,
) -> Response:
    """Forget the action and its history (needs If-Match); dismissing keeps it instead."""
    expected = required_version(if_match)
    service.delete(actor, workspace_id, action_id, expected=expected)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{action_id}/history")
def action_history(
    workspace_id: UUID, action_id: UUID, actor: Actor, service: Service
) -> list[ActionChange]:
    """Who changed what and when, oldest first (its creation is the first entry)."""
    return service.history(actor, workspace_id, action_id)
