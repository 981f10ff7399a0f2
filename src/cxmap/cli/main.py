"""The `cxmap` command: one Typer app, each command group in its own module."""

from __future__ import annotations

from typing import Annotated

import typer

from cxmap import __version__
from cxmap.cli import (
    action_commands,
    backup_commands,
    evidence_commands,
    journey_commands,
    kpi_commands,
    lint_command,
    mermaid_commands,
    mine_command,
    render_command,
    score_command,
    serve_command,
    sync_commands,
)

app = typer.Typer(
    name="cxmap",
    help="Customer journey maps as code: write, check, lint and draw journeys.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
journey_commands.register(app)
lint_command.register(app)
render_command.register(app)
mermaid_commands.register(app)
mine_command.register(app)
backup_commands.register(app)
serve_command.register(app)
sync_commands.register(app)
evidence_commands.register(app)
score_command.register(app)
action_commands.register(app)
kpi_commands.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxmap {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Customer journey maps as code: write, check, lint and draw journeys."""
