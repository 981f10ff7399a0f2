"""`cxmap render`: draw journey maps as SVG, PNG, PDF or a standalone HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import err, out, reported_errors
from cxmap.model.mining import ColumnMapping
from cxmap.services import rendering
from cxmap.services.actual_journey import ActualJourney
from cxmap.services.evidence_summary_files import read_evidence_summary


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
    mined: Annotated[
        Path | None,
        typer.Option(
            "--mined",
            help="Draw the actual journey over the map: the JSON `cxmap mine --journey` wrote.",
        ),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option("--log", help="Like --mined, but mine this event log now."),
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="With --log: case id column.")] = None,
    activity: Annotated[
        str | None, typer.Option("--activity", help="With --log: activity column.")
    ] = None,
    timestamp: Annotated[
        str | None, typer.Option("--timestamp", help="With --log: time column.")
    ] = None,
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            help="Draw the emotions the evidence gives (mean, 95 % interval, n) and its scores: "
            "the JSON `cxmap evidence summary --json` prints.",
        ),
    ] = None,
) -> None:
    """Draw journey maps. Nothing is written when a journey has problems."""
    mapping = ColumnMapping(case=case, activity=activity, timestamp=timestamp)
    actual = _actual(files, mined, log, mapping)
    if evidence is not None and len(files) > 1:
        raise typer.BadParameter("the evidence goes with one journey; give one file")
    if output is not None and out_dir is not None:
        raise typer.BadParameter("use -o for one file or --out-dir for a folder, not both")
    if output is not None and len(files) > 1:
        raise typer.BadParameter("-o takes one journey; use --out-dir for several")
    if output is not None and formats is not None:
        raise typer.BadParameter("with -o the format comes from the file name; drop --format")
    with reported_errors():
        by_step = read_evidence_summary(evidence) if evidence is not None else None
        if output is not None:
            report = rendering.render_file(files[0], output, actual, by_step)
        else:
            folder = out_dir or Path(".")
            report = rendering.render_to_folder(files, folder, formats or "svg", actual, by_step)
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


def _actual(
    files: list[Path], mined: Path | None, log: Path | None, mapping: ColumnMapping
) -> ActualJourney | None:
    """The actual journey asked for, if any; options that cannot go together are usage errors."""
    if mined is not None and log is not None:
        raise typer.BadParameter("use --mined for a mined JSON file or --log for a log, not both")
    if log is None and mapping != ColumnMapping():
        raise typer.BadParameter("--case, --activity and --timestamp go with --log")
    if mined is None and log is None:
        return None
    if len(files) > 1:
        raise typer.BadParameter("the actual journey goes over one journey; give one file")
    return ActualJourney(mined=mined, log=log, mapping=mapping)
