"""Role x endpoint: every workspace endpoint, called by every role and by an outsider.

A role at or above what the endpoint needs gets through; a lower role gets 403; someone
outside the workspace gets 404, exactly as for a workspace that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI

from cxmap.model.attachment import AttachmentAnchor
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import EvidenceQuery
from cxmap.model.journey_record import CommentAnchor
from cxmap.model.workspace import Role
from cxmap.services.actions import ActionLists
from cxmap.services.attachments import AttachmentFiles
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.services.kpis import KeyMetrics
from cxmap.services.mined_journeys import LogUpload, MinedJourneys
from cxmap.services.share_links import JourneyShareLinks
from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import ROLES, Team, is_problem, journey_data
from tests.api.test_evidence_api import SURVEY, multipart
from tests.services.priority_fixtures import analysis
from tests.store.conftest import make_journey
from tests.store.sample_files import png

pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    needs: Role
    json: Any = None
    if_match: bool = False
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


J = "/workspaces/{ws}/journeys/{jid}"
P = "/workspaces/{ws}/personas/{pid}"
E = J + "/evidence"
SURVEY_FORM, SURVEY_FORM_HEADERS = multipart(
    {"kind": "survey"}, {"file": ("survey.csv", SURVEY, "text/csv")}
)
A = "/workspaces/{ws}/actions/{actid}"
K = "/workspaces/{ws}/kpis/{kid}"
WEIGHTS = {"weights": {"strategy": 4}}
INPUTS = {"journey": {"frequency": {"value": 5000}}}
ANALYSIS = analysis().model_dump(mode="json")
#: A small event log of the journey `make_journey` builds (steps search, view, pay).
EVENT_LOG = (
    b"case_id,activity,timestamp\nc1,search,2025-03-01T09:00:00Z\n"
    b"c1,view,2025-03-01T09:01:00Z\nc1,pay,2025-03-01T09:02:00Z\n"
)
LOG_FORM, LOG_FORM_HEADERS = multipart({}, {"file": ("log.csv", EVENT_LOG, "text/csv")})
NEW_ACTION = {"journey": "checkout", "kind": "product_change", "title": "Offer PayPal"}
KPI = {
    "id": "pay-drop",
    "name": "Drop-off at pay",
    "kind": "drop_off",
    "journey": "checkout",
    "step": "pay",
}
ENDPOINTS = [
    Endpoint("GET", "/workspaces/{ws}", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/members", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/journeys", Role.VIEWER),
    Endpoint("GET", J, Role.VIEWER),
    Endpoint("GET", J + "/export", Role.VIEWER),
    Endpoint("GET", J + "/stages", Role.VIEWER),
    Endpoint("GET", J + "/steps/pay", Role.VIEWER),
    Endpoint("GET", J + "/insights", Role.VIEWER),
    Endpoint("GET", J + "/steps/pay/lanes/actions", Role.VIEWER),
    Endpoint("GET", J + "/comments", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/comments/{cid}", Role.VIEWER),
    Endpoint("GET", J + "/revisions", Role.VIEWER),
    Endpoint("GET", J + "/revisions/1", Role.VIEWER),
    Endpoint("POST", J + "/comments", Role.COMMENTER, json={"body": "Looks slow @owner"}),
    Endpoint("PATCH", "/workspaces/{ws}/comments/{cid}", Role.COMMENTER, json={"resolved": True}),
    Endpoint("DELETE", "/workspaces/{ws}/comments/{cid}", Role.EDITOR),
    Endpoint("POST", "/workspaces/{ws}/journeys", Role.EDITOR, json=journey_data("new-one")),
    Endpoint(
        "POST",
        "/workspaces/{ws}/journeys/import",
        Role.EDITOR,
        raw=b"journey\n  title Imported\n  section S\n    Task: 3\n",
        headers={"Content-Type": "text/vnd.mermaid"},
    ),
    Endpoint("PUT", J, Role.EDITOR, json=journey_data(title="Renamed"), if_match=True),
    Endpoint("PATCH", J, Role.EDITOR, json={"status": "review"}, if_match=True),
    Endpoint("DELETE", J, Role.EDITOR, if_match=True),
    Endpoint("POST", J + "/undelete", Role.EDITOR),
    Endpoint("POST", J + "/stages", Role.EDITOR, json={"id": "more", "name": "More"}),
    Endpoint("POST", J + "/stages/buy/steps", Role.EDITOR, json={"id": "tip", "name": "Tips"}),
    Endpoint("PUT", J + "/steps/pay", Role.EDITOR, json={"name": "Pays now"}, if_match=True),
    Endpoint("DELETE", J + "/opportunities/one-click", Role.EDITOR, if_match=True),
    Endpoint("POST", J + "/stages/buy/lanes/support", Role.EDITOR, json={"text": "Billing"}),
    Endpoint("POST", J + "/restore", Role.EDITOR, json={"version": 1}, if_match=True),
    Endpoint("GET", J + "/attachments", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/attachments/{aid}", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/attachments/{aid}/content", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/attachments/{aid}/thumbnail", Role.VIEWER),
    Endpoint(
        "POST",
        J + "/attachments?file_name=notes.txt&step_id=pay",
        Role.EDITOR,
        raw=b"Interview notes\n",
        headers={"Content-Type": "text/plain"},
    ),
    Endpoint("DELETE", "/workspaces/{ws}/attachments/{aid}", Role.EDITOR),
    Endpoint("GET", J + "/share-links", Role.EDITOR),
    Endpoint("POST", J + "/share-links", Role.EDITOR, json={"label": "Training"}),
    Endpoint("DELETE", "/workspaces/{ws}/share-links/{sid}", Role.EDITOR),
    Endpoint("GET", "/workspaces/{ws}/personas?q=sam", Role.VIEWER),
    Endpoint("GET", P, Role.VIEWER),
    Endpoint("POST", "/workspaces/{ws}/personas", Role.EDITOR, json={"id": "ann", "name": "Ann"}),
    Endpoint("PUT", P, Role.EDITOR, json={"id": "sam", "name": "Sam S."}, if_match=True),
    Endpoint("PATCH", P, Role.EDITOR, json={"goals": ["Save"]}, if_match=True),
    Endpoint("DELETE", P, Role.EDITOR, if_match=True),
    Endpoint("GET", E, Role.VIEWER),
    Endpoint("GET", E + "/summary", Role.VIEWER),
    Endpoint("GET", E + "/unmapped", Role.VIEWER),
    Endpoint("GET", E + "/imports", Role.VIEWER),
    Endpoint("POST", E + "/imports", Role.EDITOR, raw=SURVEY_FORM, headers=SURVEY_FORM_HEADERS),
    Endpoint("PUT", E + "/{eid}/step", Role.EDITOR, json={"step": "pay"}),
    Endpoint("DELETE", E + "/imports/{bid}", Role.EDITOR),
    Endpoint("GET", "/workspaces/{ws}/score-weights", Role.VIEWER),
    Endpoint("PUT", "/workspaces/{ws}/score-weights", Role.EDITOR, json=WEIGHTS, if_match=True),
    Endpoint("GET", J + "/score-inputs", Role.VIEWER),
    Endpoint("PUT", J + "/score-inputs", Role.EDITOR, json=INPUTS, if_match=True),
    Endpoint("GET", "/workspaces/{ws}/scores?strategy=4", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/scores/sensitivity", Role.VIEWER),
    Endpoint("POST", J + "/score", Role.VIEWER),
    Endpoint("GET", J + "/priorities", Role.VIEWER),
    Endpoint("POST", J + "/analyses", Role.EDITOR, json=ANALYSIS),
    Endpoint("POST", J + "/kpi-points", Role.EDITOR),
    Endpoint("GET", "/workspaces/{ws}/actions", Role.VIEWER),
    Endpoint("POST", "/workspaces/{ws}/actions", Role.EDITOR, json=NEW_ACTION),
    Endpoint("POST", "/workspaces/{ws}/actions/suggest", Role.EDITOR),
    Endpoint("GET", "/workspaces/{ws}/actions/export?format=jira", Role.VIEWER),
    Endpoint("GET", A, Role.VIEWER),
    Endpoint("PATCH", A, Role.EDITOR, json={"status": "accepted"}, if_match=True),
    Endpoint("DELETE", A, Role.EDITOR, if_match=True),
    Endpoint("GET", A + "/history", Role.VIEWER),
    Endpoint("GET", "/workspaces/{ws}/kpis", Role.VIEWER),
    Endpoint(
        "POST",
        "/workspaces/{ws}/kpis",
        Role.EDITOR,
        json={**KPI, "id": "view-drop", "step": "view"},
    ),
    Endpoint("GET", K, Role.VIEWER),
    Endpoint("PUT", K, Role.EDITOR, json={**KPI, "target": 5}, if_match=True),
    Endpoint("DELETE", K, Role.EDITOR, if_match=True),
    Endpoint("GET", K + "/points", Role.VIEWER),
    Endpoint("POST", K + "/points", Role.EDITOR, json={"value": 12.5}),
    Endpoint("GET", K + "/comparison?before=v1&after=v2", Role.VIEWER),
    Endpoint("GET", K + "/chart.svg", Role.VIEWER),
    Endpoint("GET", K + "/chart.png", Role.VIEWER),
    Endpoint("GET", J + "/map.svg", Role.VIEWER),
    Endpoint("GET", J + "/map.png", Role.VIEWER),
    Endpoint("GET", J + "/map.pdf?version=1", Role.VIEWER),
    Endpoint("GET", J + "/map.html", Role.VIEWER),
    Endpoint("GET", J + "/map.svg?overlay=actual", Role.VIEWER),
    Endpoint("GET", J + "/layout?overlay=actual", Role.VIEWER),
    Endpoint("GET", J + "/actual", Role.VIEWER),
    Endpoint("GET", J + "/actual/history", Role.VIEWER),
    Endpoint("POST", J + "/actual", Role.EDITOR, raw=LOG_FORM, headers=LOG_FORM_HEADERS),
    Endpoint("POST", "/workspaces/{ws}/members", Role.OWNER, json={"email": "late@example.com"}),
    Endpoint("PATCH", "/workspaces/{ws}/members/{newbie}", Role.OWNER, json={"role": "commenter"}),
    Endpoint("DELETE", "/workspaces/{ws}/members/{newbie}", Role.OWNER),
]
CALLERS = [*(role.value for role in ROLES), "outsider"]


@dataclass(frozen=True)
class Scene:
    ids: dict[str, UUID]


@pytest.fixture
def scene(app: FastAPI, server: WorkspaceServer, team: Team, tmp_path: Path) -> Scene:
    owner = team.users["owner"]
    journey = server.journeys.create_journey(owner, team.ws, make_journey())
    files: AttachmentFiles = app.state.attachments
    attachment = files.upload(
        owner,
        team.ws,
        [png()],
        name="shelf.png",
        declared_type="image/png",
        anchor=AttachmentAnchor(journey_id=journey.id, step_id="pay"),
    )
    comment = server.comments.add(owner, (team.ws, journey.id), "First!", CommentAnchor(id="pay"))
    links: JourneyShareLinks = app.state.share_links
    link = links.create(owner, team.ws, journey.id, "Training").link
    persona = server.personas.create(owner, team.ws, {"id": "sam", "name": "Sam Shopper"})
    (tmp_path / "log.csv").write_bytes(EVENT_LOG)
    mined: MinedJourneys = app.state.mined_journeys
    mined.upload(owner, team.ws, journey.id, LogUpload(tmp_path / "log.csv", "log.csv"))
    survey = tmp_path / "survey.csv"
    survey.write_bytes(SURVEY)
    imports: EvidenceImports = app.state.evidence_imports
    evidence = imports.import_file(
        owner, ImportRequest(team.ws, journey.id, EvidenceSource.SURVEY, survey)
    )
    actions: ActionLists = app.state.actions
    action = actions.create(owner, team.ws, NEW_ACTION)
    metrics: KeyMetrics = app.state.key_metrics
    kpi = metrics.define(owner, team.ws, KPI)
    newbie = server.accounts.sign_up("newbie@example.com", "New Bie", None).id
    server.workspaces.add_member(owner, team.ws, "newbie@example.com", Role.VIEWER)
    server.accounts.sign_up("late@example.com", "Late Comer", None)
    return Scene(
        ids={
            "ws": team.ws,
            "jid": journey.id,
            "cid": comment.comment.id,
            "newbie": newbie,
            "aid": attachment.id,
            "sid": link.id,
            "pid": persona.id,
            "bid": evidence.batch.id,
            "eid": _first_item(app, owner, team.ws, journey.id),
            "actid": UUID(action.id),
            "kid": kpi.id,
        }
    )


def _first_item(app: FastAPI, owner: UUID, ws: UUID, journey: UUID) -> UUID:
    summaries: EvidenceSummaries = app.state.evidence
    return summaries.page(owner, ws, journey, EvidenceQuery(limit=1)).items[0].id


async def call(
    client: httpx.AsyncClient, team: Team, endpoint: Endpoint, who: str, scene: Scene
) -> httpx.Response:
    headers = {**team.auth(who), **endpoint.headers}
    if endpoint.if_match:
        headers["If-Match"] = '"1"'
    return await client.request(
        endpoint.method,
        endpoint.path.format(**scene.ids),
        json=endpoint.json,
        content=endpoint.raw,
        headers=headers,
    )


@pytest.mark.parametrize("who", CALLERS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
async def test_role_matrix(
    client: httpx.AsyncClient, team: Team, scene: Scene, endpoint: Endpoint, who: str
) -> None:
    response = await call(client, team, endpoint, who, scene)
    if who == "outsider":
        assert "not found" in is_problem(response, 404)["detail"]
    elif Role(who).allows(endpoint.needs):
        assert 200 <= response.status_code < 300, response.text
    else:
        assert "role" in is_problem(response, 403)["detail"]


async def test_the_author_may_remove_their_own_comment_without_being_an_editor(
    client: httpx.AsyncClient, team: Team, scene: Scene
) -> None:
    url = f"/workspaces/{team.ws}/journeys/{scene.ids['jid']}/comments"
    made = await client.post(url, json={"body": "Mine"}, headers=team.auth("commenter"))
    own = f"/workspaces/{team.ws}/comments/{made.json()['comment']['id']}"
    assert (await client.delete(own, headers=team.auth("commenter"))).status_code == 204


async def test_anyone_may_leave_but_the_last_owner_may_not(
    client: httpx.AsyncClient, team: Team
) -> None:
    viewer = await client.delete(
        f"/workspaces/{team.ws}/members/{team.users['viewer']}", headers=team.auth("viewer")
    )
    assert viewer.status_code == 204
    owner = await client.delete(
        f"/workspaces/{team.ws}/members/{team.users['owner']}", headers=team.auth("owner")
    )
    assert "at least one owner" in is_problem(owner, 422)["detail"]
