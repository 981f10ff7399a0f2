"""`cxmap mine`: the actual journey from an event log, as Rich tables and as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cxmap.cli.output import err, out, reported_errors
from cxmap.model.mining import ColumnMapping, Funnel, MiningResult
from cxmap.services.mining import MineRequest, mine_log, write_result

TOP = 10


def register(app: typer.Typer) -> None:
    app.command()(mine)


def mine(
    log: Annotated[
        Path | None, typer.Argument(help="Event log: .csv, .tsv, .parquet, .xes or .xes.gz.")
    ] = None,
    journey: Annotated[
        Path | None, typer.Option("--journey", "-j", help="Desired journey to compare with.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write all results to this JSON file.")
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="Case id column.")] = None,
    activity: Annotated[str | None, typer.Option("--activity", help="Activity column.")] = None,
    timestamp: Annotated[str | None, typer.Option("--timestamp", help="Time column.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Split the funnel by this column (segment, channel).")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", help="Backend: duckdb:// (default), postgresql://..., pyspark://local[2]."
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option("--table", help="Mine this table on the --url backend.")
    ] = None,
    order: Annotated[
        str | None, typer.Option("--order", help="Column ordering equal times in a --table.")
    ] = None,
) -> None:
    """Mine the actual journey: paths, directly-follows graph, variants, funnel, conformance."""
    request = MineRequest(
        log=log,
        journey=journey,
        mapping=ColumnMapping(case=case, activity=activity, timestamp=timestamp, order=order),
        by=by,
        url=url,
        table=table,
    )
    with reported_errors():
        with err.status("mining", spinner="dots") as status:
            result = mine_log(request, lambda stage: status.update(escape(stage)))
        if json_out is not None:
            write_result(result, json_out)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    show(result)
    if json_out is not None:
        err.print(f"[green]wrote[/green] {escape(str(json_out))}")


def duration(seconds: float | None) -> str:
    """12s, 3m 05s, 2h 10m, 2.5d: time as people read it."""
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.0f}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m {int(seconds % 60):02d}s"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h {int(seconds % 3600 // 60):02d}m"
    return f"{seconds / 86400:.1f}d"


def show(result: MiningResult) -> None:
    out.print(
        f"[bold]{result.cases}[/bold] cases, [bold]{result.events}[/bold] events, "
        f"{len(result.variants)} variants, {len(result.dfg)} directly-follows pairs"
    )
    _endpoints(result)
    _dfg(result)
    _variants(result)
    if result.funnel is not None:
        _funnel(result.funnel)
    if result.conformance is not None:
        _conformance(result)


def _endpoints(result: MiningResult) -> None:
    grid = Table(title="Where cases start and end")
    for name in ("start", "cases", "end", "cases "):
        grid.add_column(name, justify="right" if name.startswith("cases") else "left")
    starts = sorted(result.start_activities.items(), key=lambda kv: -kv[1])[:TOP]
    ends = sorted(result.end_activities.items(), key=lambda kv: -kv[1])[:TOP]
    for index in range(max(len(starts), len(ends))):
        first = starts[index] if index < len(starts) else ("", "")
        last = ends[index] if index < len(ends) else ("", "")
        grid.add_row(escape(first[0]), str(first[1]), escape(last[0]), str(last[1]))
    out.print(grid)


def _dfg(result: MiningResult) -> None:
    grid = Table(title=f"Most frequent steps from one activity to the next (top {TOP})")
    for name in ("from", "to", "count", "mean time", "median time"):
        grid.add_column(name, justify="right" if name in ("count",) or "time" in name else "left")
    for edge in sorted(result.dfg, key=lambda e: -e.count)[:TOP]:
        grid.add_row(
            escape(edge.source),
            escape(edge.target),
            str(edge.count),
            duration(edge.mean_seconds),
            duration(edge.median_seconds),
        )
    out.print(grid)


def _variants(result: MiningResult) -> None:
    grid = Table(title=f"Most common paths (top {TOP} of {len(result.variants)})")
    grid.add_column("cases", justify="right")
    grid.add_column("share", justify="right")
    grid.add_column("path")
    for variant in result.variants[:TOP]:
        share = variant.share(result.cases)
        grid.add_row(str(variant.count), f"{share:.1%}", escape(" → ".join(variant.activities)))
    out.print(grid)


def _funnel(funnel: Funnel) -> None:
    grid = Table(title="Funnel along the desired journey")
    for name in ("step", "cases", "share", "drop-off", "drop-off %", "median time here"):
        grid.add_column(name, justify="left" if name == "step" else "right")
    for step in funnel.steps:
        grid.add_row(
            escape(step.name),
            str(step.cases),
            f"{step.share:.1%}",
            str(step.drop_off),
            f"{step.drop_off_share:.1%}",
            duration(step.median_seconds),
        )
    out.print(grid)
    if funnel.groups:
        split = Table(title=f"Share of cases reaching each step, by {escape(funnel.by or '')}")
        split.add_column("step")
        for group in funnel.groups:
            split.add_column(f"{escape(group.value)} ({group.cases})", justify="right")
        for index, step in enumerate(funnel.steps):
            cells = [f"{group.steps[index].share:.1%}" for group in funnel.groups]
            split.add_row(escape(step.name), *cells)
        out.print(split)


def _conformance(result: MiningResult) -> None:
    conformance = result.conformance
    assert conformance is not None
    out.print(
        f"[bold]{conformance.conforming_share:.1%}[/bold] of cases follow the desired journey "
        f"({conformance.conforming} of {conformance.cases})"
    )
    grid = Table(title=f"Top deviations (of {len(conformance.deviations)})")
    for name in ("deviation", "where", "cases", "times", "e.g. cases"):
        grid.add_column(name, justify="right" if name in ("cases", "times") else "left")
    for deviation in conformance.deviations[:TOP]:
        grid.add_row(
            deviation.kind.value.replace("_", " "),
            escape(deviation.subject()),
            str(deviation.cases),
            str(deviation.count),
            escape(", ".join(deviation.examples)),
        )
    out.print(grid)
