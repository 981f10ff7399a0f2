"""`cxmap validate`, `cxmap schema`, `cxmap new`: writing and checking journey files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import err, out, reported_errors
from cxmap.model.errors import AlreadyExistsError, CxmapError
from cxmap.services import journey_files, scaffolding


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(new)


def validate(
    files: Annotated[list[Path], typer.Argument(help="Journey files (.yaml, .yml, .json).")],
) -> None:
    """Check journey files; print `file:line:column: path: message` for every problem."""
    failed = False
    for path in files:
        try:
            problems = journey_files.check_file(path)
        except CxmapError as error:
            err.print(f"[red]error:[/red] {escape(str(error))}")
            failed = True
            continue
        for problem in problems:
            out.print(escape(problem.describe(str(path))))
        if problems:
            failed = True
        else:
            err.print(f"[green]ok[/green] {escape(str(path))}")
    if failed:
        raise typer.Exit(1)


def schema() -> None:
    """Print the JSON Schema of the journey file format."""
    typer.echo(journey_files.schema_text(), nl=False)


def new(
    file: Annotated[Path, typer.Argument(help="Where to write the new journey (.yaml).")],
    title: Annotated[str, typer.Option("--title", "-t", help="Journey title.")] = (
        "My customer journey"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a starter journey to edit: stages, touchpoints, emotions, a branch, a pain point."""
    with reported_errors():
        if file.exists() and not force:
            raise AlreadyExistsError(f"{file}: already exists; pass --force to overwrite it")
        scaffolding.write_new_journey(file, title)
    err.print(f"[green]wrote[/green] {escape(str(file))}; next: cxmap lint {escape(str(file))}")
