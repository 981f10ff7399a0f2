"""`cxmap kpi ...`: key metrics bound to data, with targets: define and list them, record
a point for each from the current evidence and event-log analysis, add one by hand, chart
the progress, compare two periods or two journey versions.

A metric is named by its own id (slug). The commands work on the local store like `cxmap
evidence` (no login).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cxmap.cli.output import err, out, reported_errors
from cxmap.cli.priority_views import (
    WorkspaceOption,
    kpi_row,
    local,
    print_comparison,
)
from cxmap.ingest.mined_file import load_mined_text
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.priorities import Direction, KpiKind
from cxmap.model.priority_records import (
    ChartFormat,
    RecordedPoints,
    parse_moment,
    parse_window,
)
from cxmap.services.journey_files import read_bytes, write_atomically
from cxmap.services.kpis import KeyMetrics

kpi_app = typer.Typer(no_args_is_help=True)

IdArgument = Annotated[str, typer.Argument(help="The metric's id.")]
WINDOW = "START..END (dates or ISO times; END left out) or vN (version N of the journey)."


def register(app: typer.Typer) -> None:
    app.add_typer(kpi_app, name="kpi")


@kpi_app.callback()
def kpi_group() -> None:
    """Key metrics: targets, dated points from every import or analysis, charts, before/after."""


@kpi_app.command("add")
def add(
    kpi_id: IdArgument,
    journey: Annotated[str, typer.Option("--journey", "-j", help="The journey's id.")],
    kind: Annotated[KpiKind, typer.Option(help="What is measured.")],
    name: Annotated[str | None, typer.Option(help="Shown name (default: the id).")] = None,
    step: Annotated[str | None, typer.Option(help="Step (nps/csat/ces_at_step, drop_off).")] = None,
    from_step: Annotated[
        str | None, typer.Option("--from-step", help="First step (conversion, time_between).")
    ] = None,
    to_step: Annotated[str | None, typer.Option("--to-step", help="Second step.")] = None,
    target: Annotated[float | None, typer.Option(help="The value to reach.")] = None,
    direction: Annotated[
        Direction | None, typer.Option(help="Default: lower is better for drop-off and time.")
    ] = None,
    unit: Annotated[str, typer.Option(help="Unit shown (default by kind).")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Define a key metric of a journey, with a target."""
    body: dict[str, object] = {
        "id": kpi_id,
        "name": name or kpi_id,
        "kind": kind,
        "journey": journey,
        "step": step,
        "from_step": from_step,
        "to_step": to_step,
        "target": target,
        "unit": unit,
    }
    if direction is not None:
        body["direction"] = direction
    elif kind in (KpiKind.DROP_OFF, KpiKind.TIME_BETWEEN):
        body["direction"] = Direction.LOWER_IS_BETTER
    with reported_errors(), local(workspace) as place:
        made = KeyMetrics(place.database).define(None, place.workspace_id, body)
    err.print(f"[green]defined[/green] {escape(made.kpi.id)} on journey {escape(made.kpi.journey)}")


@kpi_app.command("list")
def list_kpis(
    journey: Annotated[
        str | None, typer.Option("--journey", "-j", help="Only this journey.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """List metrics with their target and latest value."""
    with reported_errors(), local(workspace, journey) as place:
        metrics = KeyMetrics(place.database)
        found = metrics.search(None, place.workspace_id, place.journey_id)
        series = [metrics.series(None, place.workspace_id, kpi.id) for kpi in found]
    grid = Table(title="Key metrics")
    for column in ("id", "name", "kind", "journey", "where", "target", "latest", "met"):
        grid.add_column(column)
    for each in series:
        grid.add_row(*kpi_row(each))
    out.print(grid)


@kpi_app.command("record")
def record(
    journey: Annotated[str, typer.Option("--journey", "-j", help="The journey's id.")],
    mined: Annotated[
        Path | None,
        typer.Option("--mined", help="Keep this analysis first (`cxmap mine --journey --json`)."),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Add a dated point to every metric of a journey from its evidence and event log."""
    with reported_errors():
        result = load_mined_text(read_bytes(mined), str(mined))[0] if mined else None
        with local(workspace, journey) as place:
            assert place.journey_id is not None
            metrics = KeyMetrics(place.database)
            if result is None:
                found = metrics.record(None, place.workspace_id, place.journey_id)
            else:
                found = metrics.add_analysis(None, place.workspace_id, place.journey_id, result)
    _tell_recorded(found)


def _tell_recorded(found: RecordedPoints) -> None:
    for point in found.points:
        out.print(f"{escape(point.kpi)}: {point.value:.4g} (n={point.n}, {point.source.value})")
    if found.without_data:
        listed = ", ".join(found.without_data)
        err.print(f"[yellow]no data yet for:[/yellow] {escape(listed)}")
    err.print(f"[green]recorded[/green] {len(found.points)} point(s)")


@kpi_app.command("point")
def point(
    kpi_id: IdArgument,
    value: Annotated[float, typer.Argument(help="The measured value.")],
    n: Annotated[int, typer.Option(min=0, help="Answers or cases it rests on.")] = 1,
    at: Annotated[
        str | None, typer.Option(help="When it was measured (ISO; default now; UTC if no zone).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Add a value measured elsewhere by hand."""
    with reported_errors():
        body: dict[str, object] = {"value": value, "n": n}
        if at is not None:
            body["measured_at"] = parse_moment(at, "at")
        with local(workspace) as place:
            metrics = KeyMetrics(place.database)
            found = metrics.find(None, place.workspace_id, kpi_id)
            added = metrics.add_point(None, place.workspace_id, found.id, body)
    err.print(f"[green]added[/green] {added.value:g} to {escape(added.kpi)}")


@kpi_app.command("chart")
def chart(
    kpi_id: IdArgument,
    output: Annotated[Path, typer.Option("--out", "-o", help="chart.svg, .png or .pdf.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Draw a metric's progress with its target line (SVG, PNG or PDF by the file's suffix)."""
    with reported_errors():
        chart_format = _format_of(output)
        with local(workspace) as place:
            metrics = KeyMetrics(place.database)
            found = metrics.find(None, place.workspace_id, kpi_id)
            drawn = metrics.chart(None, place.workspace_id, found.id, chart_format)
        write_atomically(output, drawn)
    err.print(f"[green]wrote[/green] {escape(str(output))}")


def _format_of(path: Path) -> ChartFormat:
    try:
        return ChartFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        message = f"'{path.name}': name a .svg, .png or .pdf file"
        raise InvalidInputError([Problem(("out",), message)]) from None


@kpi_app.command("compare")
def compare(
    kpi_id: IdArgument,
    before: Annotated[str, typer.Option(help=WINDOW)],
    after: Annotated[str, typer.Option(help=WINDOW)],
    workspace: WorkspaceOption = None,
) -> None:
    """Compare a metric before and after: two periods, or two versions of the journey."""
    with reported_errors():
        windows = parse_window(before, "before"), parse_window(after, "after")
        with local(workspace) as place:
            metrics = KeyMetrics(place.database)
            found = metrics.find(None, place.workspace_id, kpi_id)
            compared = metrics.compare(None, place.workspace_id, found.id, *windows)
    print_comparison(compared)
