"""What `cxmap score`, `cxmap actions` and `cxmap kpi` share: the local store they work on
and the Rich tables they print (scores with each criterion's part, actions, metrics)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

import typer
from rich.markup import escape
from rich.table import Table

from cxmap.cli.output import out
from cxmap.model.priorities import Criterion, KpiComparison, KpiWindow, Score, Sensitivity
from cxmap.model.priority_records import KpiSeries, StoredAction
from cxmap.services.local_workspace import local_journey, local_workspace, open_local_store
from cxmap.settings import load_settings
from cxmap.store import Database

WorkspaceOption = Annotated[
    str | None,
    typer.Option("--workspace", "-w", help="Workspace slug; default: the only workspace."),
]
MISSING = "[red]missing[/red]"


@dataclass(frozen=True)
class Local:
    """The local store, the workspace a command works in, and maybe one of its journeys."""

    database: Database
    workspace_id: UUID
    journey_id: UUID | None = None
    journey_slug: str | None = None


@contextmanager
def local(workspace: str | None, journey: str | None = None) -> Iterator[Local]:
    """The store the `CXMAP_` settings name (migrated first), closed afterwards."""
    database = open_local_store(load_settings())
    try:
        if journey is None:
            yield Local(database, local_workspace(database, workspace).id)
        else:
            found = local_journey(database, journey, workspace)
            yield Local(database, found.workspace.id, found.journey.id, found.journey.slug)
    finally:
        database.close()


def cell(score: Score, criterion: Criterion) -> str:
    """`12.3 (120)`: the criterion's points and its raw value; `missing` when unknown."""
    part = next(p for p in score.contributions if p.criterion == criterion)
    if part.missing or part.raw is None:
        return MISSING
    source = "" if part.source is None or part.source.value == "entered" else "*"
    return f"{part.points:.1f} ({part.raw:.4g}{source})"


def score_table(title: str, rows: list[tuple[str, str, Score]]) -> Table:
    """One row per (rank or kind, name, score): the value, then each criterion's part."""
    grid = Table(title=title, caption="points (raw value); * = from evidence or the event log")
    grid.add_column("#", justify="right")
    grid.add_column("name")
    grid.add_column("score", justify="right")
    for criterion in Criterion:
        grid.add_column(criterion.value, justify="right")
    for first, name, score in rows:
        value = "-" if score.value is None else f"[bold]{score.value}[/bold]"
        cells = [cell(score, criterion) for criterion in Criterion]
        grid.add_row(first, escape(name), value, *cells)
    return grid


def print_sensitivity(found: Sensitivity) -> None:
    if found.stable:
        out.print(f"No rank changes if any weight moves by ±{found.delta:.0%}.")
        return
    grid = Table(title=f"Rank changes if one weight moves by ±{found.delta:.0%}")
    grid.add_column("weight")
    grid.add_column("moves")
    for shift in found.shifts:
        if shift.moves:
            moves = ", ".join(f"{m.subject_id} {m.from_rank}→{m.to_rank}" for m in shift.moves)
            grid.add_row(f"{shift.criterion.value} x{shift.factor:g}", escape(moves))
    out.print(grid)


def short(action_id: str) -> str:
    return action_id[:8]


def action_table(actions: list[StoredAction], title: str = "Actions") -> Table:
    grid = Table(title=title)
    for name in ("id", "kind", "title", "journey", "step", "owner", "due", "status"):
        grid.add_column(name)
    for action in actions:
        grid.add_row(
            short(action.id),
            action.kind.value.replace("_", " "),
            escape(action.title),
            escape(action.journey),
            escape(action.step or ""),
            escape(action.owner),
            action.due.isoformat() if action.due else "",
            action.status.value,
        )
    return grid


def kpi_row(series: KpiSeries) -> list[str]:
    kpi = series.kpi.kpi
    where = kpi.step or f"{kpi.from_step} → {kpi.to_step}"
    latest = f"{series.points[-1].value:.4g}" if series.points else "-"
    met = {True: "[green]yes[/green]", False: "[red]no[/red]", None: ""}[series.latest_met]
    target = "" if kpi.target is None else f"{kpi.target:g}"
    return [
        escape(kpi.id),
        escape(kpi.name),
        kpi.kind.value,
        escape(kpi.journey),
        escape(where or ""),
        target,
        latest,
        met,
    ]


def print_comparison(found: KpiComparison) -> None:
    grid = Table(title=f"{found.kpi}: before and after")
    for name in ("", "window", "points", "n", "value", "target met"):
        grid.add_column(name)
    for label, window in (("before", found.before), ("after", found.after)):
        grid.add_row(label, *_window_cells(window))
    out.print(grid)
    if found.change is None:
        out.print("No comparison: one side has no points.")
        return
    verdict = {True: "[green]better[/green]", False: "[red]worse[/red]", None: ""}[found.improved]
    out.print(f"Change: {found.change:+.4g} ({verdict}, {found.direction.value.replace('_', ' ')})")


def _window_cells(window: KpiWindow) -> list[str]:
    value = "-" if window.value is None else f"{window.value:.4g}"
    met = {True: "yes", False: "no", None: ""}[window.target_met]
    return [escape(window.label), str(window.points), str(window.n), value, met]
