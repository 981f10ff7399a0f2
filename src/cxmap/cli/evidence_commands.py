"""`cxmap evidence ...`: import experience data into a journey of the local store, see what
it says per step, and place the items no step was sure of.

The commands work on the database the `CXMAP_` settings name, without a login, like
`cxmap backup` (imports are recorded as made through the CLI). `--journey` is a journey's
id in the workspace, or a journey file: its journey is created in the store when absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.markup import escape

from cxmap.cli.evidence_views import (
    ImportProgressBar,
    print_import_report,
    print_summary,
    print_unmapped,
)
from cxmap.cli.output import err, reported_errors
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.evidence_mapping import DEFAULT_THRESHOLD
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.evidence_options import column_mapping
from cxmap.services.evidence_rejects import default_reject_path
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.services.local_workspace import (
    LocalJourney,
    item_location,
    local_journey,
    open_local_store,
)
from cxmap.settings import load_settings

evidence_app = typer.Typer(no_args_is_help=True)

JourneyOption = Annotated[
    str,
    typer.Option(
        "--journey",
        "-j",
        help="The journey's id in the workspace, or a journey file (created "
        "in the store when absent).",
    ),
]
WorkspaceOption = Annotated[
    str | None,
    typer.Option("--workspace", "-w", help="Workspace slug; default: the only workspace."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")


@evidence_app.callback()
def evidence_group() -> None:
    """Experience data at every touchpoint: import it, summarise it per step, review it."""


@evidence_app.command("import")
def import_evidence(
    kind: Annotated[EvidenceSource, typer.Argument(help="What the file holds.")],
    file: Annotated[Path, typer.Argument(help="The file (a folder for documents and media).")],
    journey: JourneyOption,
    workspace: WorkspaceOption = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            "-c",
            help="FIELD=HEADER, e.g. text=comment (repeatable); naming columns replaces the "
            "default guess, so name every column to read.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="YAML file of FIELD: HEADER lines.")
    ] = None,
    department: Annotated[
        str, typer.Option("--department", "-d", help="Department for every item.")
    ] = "",
    encoding: Annotated[str, typer.Option(help="Text encoding of the file.")] = "utf-8",
    transcript: Annotated[
        Path | None, typer.Option(help="Transcript (VTT, SRT, txt) of an audio file.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet; default the first.")] = None,
    redact: Annotated[
        bool, typer.Option("--redact", help="Replace emails, phone and card numbers first.")
    ] = False,
    threshold: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Least confidence to place an item on a step."),
    ] = DEFAULT_THRESHOLD,
    rejects: Annotated[
        Path | None,
        typer.Option(help="Reject report (CSV); default beside the file, NAME.rejects.csv."),
    ] = None,
) -> None:
    """Import experience data into a journey: map to steps, score sentiment, store."""
    with reported_errors():
        settings = load_settings()
        columns = column_mapping(column or [], mapping)
        options = ReadOptions(
            columns=columns,
            department=department,
            encoding=encoding,
            transcript=str(transcript) if transcript else None,
            sheet=sheet,
        )
        database = open_local_store(settings)
        try:
            target = local_journey(database, journey, workspace)
            _tell_journey(target)
            request = ImportRequest(
                workspace_id=target.workspace.id,
                journey_id=target.journey.id,
                source=kind,
                path=file,
                options=options,
                redact=redact,
                threshold=threshold,
                reject_file=rejects or default_reject_path(file),
            )
            imports = EvidenceImports.from_settings(settings, database)
            with ImportProgressBar(err) as bar:
                report = imports.import_file(None, request, bar.update)
        finally:
            database.close()
    print_import_report(report, target.journey.slug)


@evidence_app.command("summary")
def summary(
    journey: JourneyOption,
    workspace: WorkspaceOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print {step: evidence} as JSON (for --evidence FILE)."),
    ] = False,
) -> None:
    """Per step: items, sentiment with its interval, NPS, CSAT, CES, pain, themes."""
    with reported_errors():
        database = open_local_store(load_settings())
        try:
            target = local_journey(database, journey, workspace)
            found = EvidenceSummaries(database).summary(
                None, target.workspace.id, target.journey.id
            )
        finally:
            database.close()
    if as_json:
        steps = {step: each.model_dump(mode="json") for step, each in found.steps.items()}
        typer.echo(json.dumps(steps, indent=2, ensure_ascii=False))
        return
    _tell_journey(target)
    print_summary(found, target.journey.journey)


@evidence_app.command("unmapped")
def unmapped(
    journey: JourneyOption,
    workspace: WorkspaceOption = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Show at most this many.")] = 50,
) -> None:
    """List the items waiting for a person to choose their step, with the best guess."""
    with reported_errors():
        database = open_local_store(load_settings())
        try:
            target = local_journey(database, journey, workspace)
            page = EvidenceSummaries(database).unmapped(
                None, target.workspace.id, target.journey.id, limit=limit
            )
        finally:
            database.close()
    print_unmapped(page)


@evidence_app.command("assign")
def assign(
    item: Annotated[str, typer.Argument(help="The item's id (from `cxmap evidence unmapped`).")],
    step: Annotated[str, typer.Argument(help="The step's id in the item's journey.")],
) -> None:
    """Place an evidence item on a step by hand (recorded as a manual mapping)."""
    with reported_errors():
        item_id = _item_id(item)
        database = open_local_store(load_settings())
        try:
            workspace_id, journey_id = item_location(database, item_id)
            placed = EvidenceSummaries(database).assign(
                None, workspace_id, journey_id, item_id, step
            )
        finally:
            database.close()
    err.print(f"[green]placed[/green] {placed.id} on step {escape(step)}")


def _item_id(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        message = f"'{text}' is not an item id (see `cxmap evidence unmapped`)"
        raise InvalidInputError([Problem(("ITEM",), message)]) from None


def _tell_journey(target: LocalJourney) -> None:
    name = f"'{escape(target.journey.slug)}' in workspace '{escape(target.workspace.slug)}'"
    if target.created:
        err.print(f"[green]created[/green] journey {name} from the file")
    elif target.file_differs:
        err.print(
            f"[yellow]note:[/yellow] journey {name} (version {target.journey.version}) differs "
            "from the file; the stored journey is used"
        )
