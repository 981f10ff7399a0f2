"""A demo workspace for a first look: the example journeys and an account to log in with.

Only an empty server is seeded (no accounts at all), so a real installation is never
touched, and running it twice adds nothing. The password is fixed and printed because the
demo is meant for a server on the loopback address of one's own machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxmap.model.workspace import Workspace
from cxmap.services.journey_files import load_journey
from cxmap.services.workspace_server import WorkspaceServer
from cxmap.store import Accounts, Database

DEMO_EMAIL = "demo@cxmap.example"
DEMO_PASSWORD = "cxmap-demo-password"
DEMO_NAME = "Demo Analyst"
DEMO_WORKSPACE = "demo"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    workspace: Workspace
    journeys: int


def is_empty(database: Database) -> bool:
    with database.reading() as session:
        return not Accounts(session).has_users()


def seed_demo(server: WorkspaceServer, examples: Path) -> DemoLogin | None:
    """Create the demo account, workspace and journeys on an empty server; else None.

    Every example is read (and so validated) before anything is written.
    """
    journeys = [load_journey(path) for path in sorted(examples.glob("*.yaml"))]
    if not is_empty(server.database):
        return None
    user = server.accounts.sign_up(DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD)
    access = server.workspaces.create(user.id, DEMO_WORKSPACE, "Demo workspace")
    for journey in journeys:
        server.journeys.create_journey(user.id, access.workspace.id, journey)
    return DemoLogin(DEMO_EMAIL, DEMO_PASSWORD, access.workspace, len(journeys))
