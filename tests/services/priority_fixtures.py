"""What the prioritisation service tests share: the store's fixtures (both backends), a
viewer in the team, small journeys and a hand-made event-log analysis."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from cxmap.model.mining import Funnel, FunnelStep, MiningResult
from cxmap.model.workspace import Role
from cxmap.store import Accounts, Database, Journeys, Workspaces
from tests.store.conftest import Team, make_journey


@pytest.fixture
def viewer(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        user = Accounts(session).create_user("viewer@example.com", "Vi Viewer", None).id
        Workspaces(session).add_member(team.ws, user, role=Role.VIEWER)
    return user


def add_journey(database: Database, team: Team, slug: str = "checkout", **extra: Any) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(slug, **extra), by=team.owner).id


def funnel_step(step: str, cases: int, reached: int, drop_off: int = 0) -> FunnelStep:
    return FunnelStep(
        step=step,
        name=step.title(),
        cases=cases,
        share=cases / reached,
        exits=drop_off,
        drop_off=drop_off,
        drop_off_share=drop_off / cases if cases else 0.0,
        mean_seconds=60.0,
        median_seconds=60.0,
    )


def analysis(search: int = 200, view: int = 150, pay: int = 100) -> MiningResult:
    """The small journey's funnel: `search` cases start, some leave at each step."""
    steps = [
        funnel_step("search", search, search, search - view),
        funnel_step("view", view, search, view - pay),
        funnel_step("pay", pay, search),
    ]
    return MiningResult(
        cases=search,
        events=search + view + pay,
        start_activities={"search": search},
        end_activities={"search": search - view, "view": view - pay, "pay": pay},
        dfg=[],
        variants=[],
        funnel=Funnel(steps=steps),
    )
