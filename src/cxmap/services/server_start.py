"""Getting a server's data ready before it answers: the schema migrated and, when asked, an
empty server seeded with the demo workspace. `cxmap serve` calls this, then starts uvicorn.
"""

from __future__ import annotations

from pathlib import Path

from cxmap.services.demo_seed import DemoLogin, seed_demo
from cxmap.services.workspace_server import WorkspaceServer, prepare_database
from cxmap.settings import Settings


def prepare_server(settings: Settings, *, demo_examples: Path | None = None) -> DemoLogin | None:
    """Migrate the database; with `demo_examples`, seed an empty one. The demo login if seeded."""
    prepare_database(settings)
    if demo_examples is None:
        return None
    server = WorkspaceServer.open(settings)
    try:
        return seed_demo(server, demo_examples)
    finally:
        server.close()
