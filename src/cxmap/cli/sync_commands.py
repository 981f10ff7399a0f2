"""`cxmap push` and `cxmap pull`: journey files to and from a workspace server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import out, reported_errors
from cxmap.services.journey_sync import Pulled, Pushed, Remote, pull_journey, push_files

ServerOption = Annotated[
    str, typer.Option("--server", help="The server's address, e.g. http://127.0.0.1:8000.")
]
WorkspaceOption = Annotated[str, typer.Option("--workspace", help="Workspace slug or id.")]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token", envvar="CXMAP_TOKEN", help="API token (default: the CXMAP_TOKEN variable)."
    ),
]


def register(app: typer.Typer) -> None:
    app.command()(push)
    app.command()(pull)


def push(
    files: Annotated[list[Path], typer.Argument(help="Journey files (YAML or JSON).")],
    server: ServerOption,
    workspace: WorkspaceOption,
    token: TokenOption = None,
) -> None:
    """Send journey files to a workspace server: new journeys are created, others updated."""
    with reported_errors():
        asyncio.run(push_files(Remote(server, workspace, token), files, on_pushed=_tell))


def _tell(result: Pushed | Pulled) -> None:
    out.print(
        f"{escape(str(result.path))}: {result.slug} {result.outcome.value} "
        f"(version {result.version})"
    )


def pull(
    journey: Annotated[str, typer.Argument(help="The journey's id (slug) on the server.")],
    server: ServerOption,
    workspace: WorkspaceOption,
    token: TokenOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: SLUG.yaml).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file even if it has local changes.")
    ] = False,
) -> None:
    """Fetch a journey from a workspace server into a file, never clobbering local changes."""
    with reported_errors():
        result = asyncio.run(
            pull_journey(Remote(server, workspace, token), journey, output, force=force)
        )
    _tell(result)
