"""`cxmap import mermaid` and `cxmap export`: journeys to and from other formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import err, reported_errors
from cxmap.services import mermaid_exchange
from cxmap.services.mermaid_exchange import ExportFormat

import_app = typer.Typer(no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `import` (a group, so importers for other tools can join it) and `export`."""
    app.add_typer(import_app, name="import")
    app.command()(export)


@import_app.callback()
def import_group() -> None:
    """Turn a diagram from another tool into a cxmap journey file."""


@import_app.command("mermaid")
def import_mermaid(
    file: Annotated[Path, typer.Argument(help="Mermaid `journey` diagram (.mmd).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Journey file to write (.yaml, .yml, .json).")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Import a Mermaid journey: sections become stages, tasks steps, a score s the emotion s-3."""
    with reported_errors():
        journey = mermaid_exchange.import_mermaid(file, output, force=force)
    steps = len(journey.steps())
    err.print(
        f"[green]wrote[/green] {escape(str(output))}: {len(journey.stages)} stages, "
        f"{steps} steps; next: cxmap lint {escape(str(output))}"
    )


def export(
    file: Annotated[Path, typer.Argument(help="Journey file (.yaml, .yml, .json) or .mmd.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", help="Output format; default: from the -o suffix, else mermaid."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout without it.")
    ] = None,
) -> None:
    """Export a journey as a Mermaid `journey` diagram, YAML or JSON."""
    chosen = fmt or mermaid_exchange.format_for_output(output)
    with reported_errors():
        if output is None:
            typer.echo(mermaid_exchange.export_text(file, chosen), nl=False)
            return
        mermaid_exchange.export_file(file, chosen, output)
    err.print(f"[green]wrote[/green] {escape(str(output))} ({chosen.value})")
