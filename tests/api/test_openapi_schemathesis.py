"""Schemathesis against the published OpenAPI document: for generated requests to every
operation, the server never answers 5xx, and every answer (status, media type, headers,
body) is one the document declares.

Generated path ids are swapped for the real workspace and journey, so requests reach the
journey code and not only the 404 path. The run is bounded and deterministic: a fixed
number of examples per operation, derandomized, no example database. (Schemathesis's own
pytest plugin does not run on this pytest, so each operation's strategy is driven here.)
"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cxmap.services.workspace_server import WorkspaceServer
from tests.api.conftest import Team
from tests.store.conftest import make_journey

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def test_the_api_keeps_to_its_openapi_document(
    app: FastAPI, server: WorkspaceServer, team: Team
) -> None:
    journey = server.journeys.create_journey(team.users["owner"], team.ws, make_journey())
    persona = server.personas.create(team.users["owner"], team.ws, {"id": "sam", "name": "Sam"})
    action = app.state.actions.create(
        team.users["owner"],
        team.ws,
        {"journey": "checkout", "kind": "align_journey", "title": "Fix"},
    )
    kpi = app.state.key_metrics.define(
        team.users["owner"],
        team.ws,
        {
            "id": "pay-drop",
            "name": "Drop",
            "kind": "drop_off",
            "journey": "checkout",
            "step": "pay",
        },
    )
    real_ids = {
        "workspace_id": str(team.ws),
        "journey_id": str(journey.id),
        "persona_id": str(persona.id),
        "action_id": action.id,
        "kpi_id": str(kpi.id),
    }
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    statuses: dict[int, int] = {}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            for name, value in real_ids.items():
                if case.path_parameters and name in case.path_parameters:
                    case.path_parameters[name] = value
            response = case.call_and_validate(headers=team.auth("owner"), checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        check()
    # The run reached real answers, not only refusals.
    assert statuses.get(200, 0) > 20
    assert max(statuses) < 500
