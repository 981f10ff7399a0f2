"""`cxmap actions ...`: suggest actions from the data, list them, accept, edit or dismiss
them, see one's history, and export them (CSV, JSON, Jira CSV, GitHub issues JSON).

An action is named by its id or the first characters of it (at least 4), as `list` shows.
The commands work on the local store like `cxmap evidence` (no login).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.markup import escape
from rich.table import Table

from cxmap.cli.output import err, out, reported_errors
from cxmap.cli.priority_views import WorkspaceOption, action_table, local, short
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.priorities import ActionStatus
from cxmap.model.priority_records import ActionExportFormat, StoredAction
from cxmap.services.actions import ActionFilter, ActionLists
from cxmap.services.journey_files import write_atomically

actions_app = typer.Typer(no_args_is_help=True)

JourneyOption = Annotated[
    str | None, typer.Option("--journey", "-j", help="Only this journey (its id).")
]
IdArgument = Annotated[str, typer.Argument(help="The action's id, or its first characters.")]


def register(app: typer.Typer) -> None:
    app.add_typer(actions_app, name="actions")


@actions_app.callback()
def actions_group() -> None:
    """Action lists: suggested from the data, accepted, owned, dated, tracked, exported."""


@actions_app.command("suggest")
def suggest(journey: JourneyOption = None, workspace: WorkspaceOption = None) -> None:
    """Suggest actions from the journeys' data; what was suggested before is not repeated."""
    with reported_errors(), local(workspace, journey) as target:
        found = ActionLists(target.database).suggest(None, target.workspace_id, target.journey_id)
    if found.added:
        out.print(action_table(found.added, "New suggestions"))
    err.print(
        f"[green]{len(found.added)} new[/green] suggestion(s); "
        f"{found.already_known} suggested before"
    )


@actions_app.command("list")
def list_actions(
    journey: JourneyOption = None,
    workspace: WorkspaceOption = None,
    status: Annotated[ActionStatus | None, typer.Option(help="Only this status.")] = None,
) -> None:
    """List actions with their owner, due date and status."""
    with reported_errors(), local(workspace, journey) as target:
        found = ActionLists(target.database).search(
            None, target.workspace_id, ActionFilter(target.journey_id, status)
        )
    out.print(action_table(found))


@actions_app.command("accept")
def accept(action: IdArgument, workspace: WorkspaceOption = None) -> None:
    """Accept a suggested action: it becomes work to do."""
    _set_status(action, workspace, ActionStatus.ACCEPTED)


@actions_app.command("dismiss")
def dismiss(action: IdArgument, workspace: WorkspaceOption = None) -> None:
    """Dismiss an action; it is kept (and never suggested again)."""
    _set_status(action, workspace, ActionStatus.DISMISSED)


def _set_status(reference: str, workspace: str | None, status: ActionStatus) -> None:
    with reported_errors(), local(workspace) as target:
        lists = ActionLists(target.database)
        found = lists.find(None, target.workspace_id, reference)
        changed = lists.set_status(None, target.workspace_id, UUID(found.id), status)
    _tell(changed)


@actions_app.command("edit")
def edit(
    action: IdArgument,
    workspace: WorkspaceOption = None,
    owner: Annotated[str | None, typer.Option(help="Who owns it ('' for nobody).")] = None,
    due: Annotated[str | None, typer.Option(help="Due date, YYYY-MM-DD ('none' to clear).")] = None,
    status: Annotated[ActionStatus | None, typer.Option(help="New status.")] = None,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
) -> None:
    """Change an action's owner, due date, status or title."""
    with reported_errors():
        changes = _changes(owner, due, status, title)
        with local(workspace) as target:
            lists = ActionLists(target.database)
            found = lists.find(None, target.workspace_id, action)
            changed = lists.edit(None, target.workspace_id, UUID(found.id), changes, expected=None)
    _tell(changed)


def _changes(
    owner: str | None, due: str | None, status: ActionStatus | None, title: str | None
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if owner is not None:
        changes["owner"] = owner
    if due is not None:
        changes["due"] = None if due.strip().lower() == "none" else _date(due)
    if status is not None:
        changes["status"] = status
    if title is not None:
        changes["title"] = title
    if not changes:
        raise InvalidInputError([Problem((), "give --owner, --due, --status or --title")])
    return changes


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            [Problem(("due",), f"'{text}' is not a date (YYYY-MM-DD)")]
        ) from None


@actions_app.command("history")
def history(action: IdArgument, workspace: WorkspaceOption = None) -> None:
    """Who changed an action, what and when."""
    with reported_errors(), local(workspace) as target:
        lists = ActionLists(target.database)
        found = lists.find(None, target.workspace_id, action)
        changes = lists.history(None, target.workspace_id, UUID(found.id))
    grid = Table(title=f"History of {short(found.id)}: {escape(found.title)}")
    for name in ("when", "by", "changes"):
        grid.add_column(name)
    for entry in changes:
        by = "cxmap CLI" if entry.changed_by is None else str(entry.changed_by)
        told = "; ".join(f"{c.field}: {c.before or '-'} → {c.after or '-'}" for c in entry.changes)
        grid.add_row(entry.changed_at.strftime("%Y-%m-%d %H:%M"), by, escape(told))
    out.print(grid)


@actions_app.command("export")
def export(
    export_format: Annotated[
        ActionExportFormat, typer.Option("--format", "-f", help="csv, json, jira or github.")
    ] = ActionExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: print).")
    ] = None,
    journey: JourneyOption = None,
    workspace: WorkspaceOption = None,
    status: Annotated[ActionStatus | None, typer.Option(help="Only this status.")] = None,
) -> None:
    """Export actions: CSV, JSON, Jira's CSV import or GitHub issues (JSON for gh api)."""
    with reported_errors():
        with local(workspace, journey) as target:
            found = ActionLists(target.database).export(
                None, target.workspace_id, export_format, ActionFilter(target.journey_id, status)
            )
        if output is None:
            typer.echo(found.text, nl=False)
            return
        write_atomically(output, found.text.encode("utf-8"))
    err.print(f"[green]wrote[/green] {escape(str(output))}")


def _tell(action: StoredAction) -> None:
    due = f", due {action.due.isoformat()}" if action.due else ""
    owner = f", owner {escape(action.owner)}" if action.owner else ""
    err.print(f"{short(action.id)} {escape(action.title)}: {action.status.value}{owner}{due}")
