"""`cxmap backup` and `cxmap restore`: the workspace data (database + attachments) to and
from one .tar.gz, for the data the `CXMAP_` settings point at."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cxmap.cli.output import err, reported_errors
from cxmap.model.backup import BackupManifest
from cxmap.services.backup import create_backup, restore_backup
from cxmap.settings import load_settings


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)


def backup(
    archive: Annotated[Path, typer.Argument(help="Where to write the backup (.tar.gz).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a consistent snapshot of the workspace data (database and attachments)."""
    with reported_errors():
        manifest = create_backup(load_settings(), archive, force=force)
    err.print(f"[green]wrote[/green] {escape(str(archive))}: {_summary(manifest)}")


def restore(
    archive: Annotated[Path, typer.Argument(help="A backup made by `cxmap backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data.")
    ] = False,
) -> None:
    """Bring back a backup; every part is checked before anything is replaced."""
    with reported_errors():
        manifest = restore_backup(load_settings(), archive, force=force)
    taken = manifest.created_at.strftime("%Y-%m-%d %H:%M UTC")
    err.print(f"[green]restored[/green] the backup of {taken}: {_summary(manifest)}")


def _summary(manifest: BackupManifest) -> str:
    tables = manifest.tables
    counted = [
        _count(tables.get("workspaces", 0), "workspace"),
        _count(tables.get("journeys", 0), "journey"),
        _count(tables.get("attachments", 0), "attachment"),
        f"{_count(len(manifest.blobs), 'file')} ({manifest.blob_bytes:,} bytes)",
    ]
    return ", ".join(counted)


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
