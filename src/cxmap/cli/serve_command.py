"""`cxmap serve`: run the workspace server (REST API and the web app) with uvicorn.

The database is migrated (and, with `--demo`, an empty one seeded) before the server starts,
so the first request never meets an old schema. The app itself is built by uvicorn from
`cxmap.api.app:app_from_environment`, reading the same `CXMAP_` settings as this command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.markup import escape

from cxmap.cli.output import out, reported_errors
from cxmap.services.server_start import prepare_server
from cxmap.settings import load_settings

APP_FACTORY = "cxmap.api.app:app_from_environment"


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Seed an empty server with the example journeys and a demo login."
        ),
    ] = False,
    examples: Annotated[Path, typer.Option(help="Folder of journeys (*.yaml) for --demo.")] = Path(
        "examples"
    ),
) -> None:
    """Run the workspace server (REST API) on the embedded database or CXMAP_DATABASE_URL."""
    with reported_errors():
        settings = load_settings()
        login = prepare_server(settings, demo_examples=examples if demo else None)
    url = f"http://{host}:{port}"
    out.print(f"cxmap at {escape(url)} (the web app; API docs at {escape(url)}/docs)")
    out.print(f"data: {escape(settings.database_url)}")
    if login is not None:
        out.print(
            f"demo workspace '{login.workspace.slug}' with {login.journeys} journeys; "
            f"log in as {login.email} / {login.password}"
        )
    elif demo:
        out.print("the server has accounts already, so no demo data was added")
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, log_level="info")
