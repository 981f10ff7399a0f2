"""`cxmap backup` and `cxmap restore`: the database and the attachment files, together.

A backup is consistent: the database snapshot and the set of blobs it refers to are taken
under the blob store's guard, so no upload or deletion slips in between; the blobs are
hard-linked into a staging folder in that moment (blobs never change, so a link is a
snapshot) and only then read into the archive, with the guard released. SQLite is copied
with the `sqlite3` backup API; PostgreSQL is dumped table by table through SQLAlchemy in
one REPEATABLE READ transaction (see `store/snapshots.py` for why).

A restore changes nothing until the whole archive has been read and checked: manifest,
sizes, SHA-256 of every part, the database's own integrity and row counts. Everything is
prepared beside the target, then swapped in: the attachments folder by renames, the SQLite
file by one rename, PostgreSQL's rows in one transaction. If the database step fails, the
old attachments folder is put back. A target that already holds data is only replaced with
`force`. Restoring is for a stopped server: a SQLite database in use is refused.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cxmap import __version__
from cxmap.model.backup import DATABASE_PART, BackupManifest, BackupPart, blob_part_name
from cxmap.model.errors import AlreadyExistsError, CxmapError, NotFoundError
from cxmap.services.backup_archive import file_sha256, open_archive, write_archive
from cxmap.services.backup_restore import RestorePlan
from cxmap.settings import Settings, sqlite_url
from cxmap.store.blobs import BlobStore
from cxmap.store.database import parse_database_url
from cxmap.store.records import Clock, utc_now
from cxmap.store.snapshots import (
    backend_of,
    consistent_reader,
    copy_sqlite,
    dump_tables,
    referenced_blobs,
    revision_of,
    sqlite_file,
    table_counts,
)


def create_backup(
    settings: Settings, target: Path, *, force: bool = False, clock: Clock = utc_now
) -> BackupManifest:
    """Write the database and its attachment files to `target` (a .tar.gz)."""
    if target.exists() and not force:
        raise AlreadyExistsError(f"{target}: already exists; pass --force to overwrite it")
    url, backend = settings.database_url, backend_of(settings.database_url)
    if backend == "sqlite" and not sqlite_file(url).is_file():
        raise NotFoundError(f"nothing to back up: {sqlite_file(url)} does not exist")
    blobs = BlobStore(settings.attachments_dir)
    with _staging(blobs) as staging:
        database = staging / DATABASE_PART[backend]
        snapshot = _snapshot_sqlite if backend == "sqlite" else _snapshot_postgresql
        revision, counts, hashes = snapshot(url, blobs, database, staging)
        if revision is None:
            shown = parse_database_url(url).render_as_string(hide_password=True)
            raise NotFoundError(f"nothing to back up: {shown} has no cxmap schema")
        blob_parts = [_blob_part(staging / sha256, sha256) for sha256 in sorted(hashes)]
        manifest = BackupManifest(
            cxmap_version=__version__,
            created_at=clock(),
            backend=backend,
            alembic_revision=revision,
            database=BackupPart(
                name=database.name, size=database.stat().st_size, sha256=file_sha256(database)
            ),
            tables=counts,
            blobs=blob_parts,
        )
        files = {database.name: database}
        files.update({part.name: staging / part.sha256 for part in blob_parts})
        write_archive(target, manifest, files)
    return manifest


Snapshot = tuple[str | None, dict[str, int], set[str]]


def _snapshot_sqlite(url: str, blobs: BlobStore, database: Path, staging: Path) -> Snapshot:
    """Copy the file and link its blobs under the guard; then read the copy at leisure."""
    with blobs.guard():
        copy_sqlite(sqlite_file(url), database)
        with consistent_reader(sqlite_url(database)) as connection:
            hashes = referenced_blobs(connection)
        _link_blobs(blobs, hashes, staging)
    with consistent_reader(sqlite_url(database)) as connection:
        return revision_of(connection), table_counts(connection), hashes


def _snapshot_postgresql(url: str, blobs: BlobStore, database: Path, staging: Path) -> Snapshot:
    """One REPEATABLE READ transaction: its first read (the blob hashes, under the guard)
    fixes the instant every later read of the dump sees."""
    with consistent_reader(url) as connection:
        with blobs.guard():
            revision = revision_of(connection)
            hashes = referenced_blobs(connection) if revision is not None else set()
            _link_blobs(blobs, hashes, staging)
        if revision is None:
            return None, {}, set()
        with database.open("wb") as out:
            counts = dump_tables(connection, out)
    return revision, counts, hashes


def _link_blobs(blobs: BlobStore, hashes: set[str], staging: Path) -> None:
    for sha256 in sorted(hashes):
        try:
            blobs.link_into(sha256, staging / sha256)
        except NotFoundError:
            message = f"the attachment file {sha256} is missing from {blobs.root}; no backup made"
            raise CxmapError(message) from None


def _blob_part(path: Path, sha256: str) -> BackupPart:
    """A staged blob, checked: one damaged on disk is found now, not when it is needed."""
    if file_sha256(path) != sha256:
        raise CxmapError(f"the attachment file {sha256} is damaged on disk; no backup made")
    return BackupPart(name=blob_part_name(sha256), size=path.stat().st_size, sha256=sha256)


@contextmanager
def _staging(blobs: BlobStore) -> Iterator[Path]:
    """A private folder inside the blob store (same file system: blobs can be hard-linked)."""
    blobs.root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".backup-", dir=blobs.root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def restore_backup(settings: Settings, source: Path, *, force: bool = False) -> BackupManifest:
    """Replace the database and attachment files with those in the backup at `source`."""
    plan = RestorePlan(settings, source)
    with open_archive(source) as reader:
        manifest = reader.manifest()
        plan.check(manifest, force=force)
        try:
            reader.extract(plan.place)
            plan.prepare(manifest)
            plan.commit()
        finally:
            plan.clean_up()
    return manifest
