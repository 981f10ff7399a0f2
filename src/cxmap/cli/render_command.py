"""`cxmap render`: draw journey maps as SVG, PNG, PDF or a standalone HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import err, out, reported_errors
from cxmap.services import rendering


def register(app: typer.Typer) -> None:
    """Add this group's commands to `app`."""
    app.command()(render)


def render(
    files: Annotated[list[Path], typer.Argument(help="Journey files (.yaml, .yml, .json).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output file for one journey; .svg, .png, .pdf or .html."
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Folder to draw each journey into as <name>.<format>."),
    ] = None,
    formats: Annotated[
        str | None,
        typer.Option("--format", "-f", help="With --out-dir: svg,png,pdf,html (default svg)."),
    ] = None,
) -> None:
    """Draw journey maps. Nothing is written when a journey has problems."""
    if output is not None and out_dir is not None:
        raise typer.BadParameter("use -o for one file or --out-dir for a folder, not both")
    if output is not None and len(files) > 1:
        raise typer.BadParameter("-o takes one journey; use --out-dir for several")
    if output is not None and formats is not None:
        raise typer.BadParameter("with -o the format comes from the file name; drop --format")
    with reported_errors():
        if output is not None:
            report = rendering.render_file(files[0], output)
        else:
            report = rendering.render_to_folder(files, out_dir or Path("."), formats or "svg")
    if report.problems:
        for line in report.problems:
            err.print(f"[red]error:[/red] {escape(line)}")
        raise typer.Exit(1)
    for source, drawn in report.by_source():
        paths = ", ".join(escape(str(item.path)) for item in drawn)
        out.print(f"{escape(str(source))} [dim]->[/dim] {paths}")
        for item in drawn:
            if item.note:
                err.print(f"[yellow]note:[/yellow] {escape(str(item.path))}: {item.note}")
