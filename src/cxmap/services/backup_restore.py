"""The steps of a restore: check, stage beside the target, verify, swap in, clean up.

Kept apart from `backup.py` so each step is small and its order visible: nothing under the
target changes before `commit`, and `commit` either completes or puts the attachments
folder back as it was (the database step being the last and atomic one).
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from alembic.util import CommandError as AlembicError
from sqlalchemy.exc import SQLAlchemyError

from cxmap.model.backup import BackupManifest, BackupPart
from cxmap.model.errors import AlreadyExistsError, CxmapError, InvalidInputError, Problem
from cxmap.settings import Settings, sqlite_url
from cxmap.store.blobs import BlobStore, fsync_folder
from cxmap.store.database import create_store_engine, parse_database_url
from cxmap.store.schema import current_revision, head_revision, upgrade
from cxmap.store.snapshots import (
    backend_of,
    check_sqlite_file,
    consistent_reader,
    count_mismatch,
    dump_counts,
    is_known_revision,
    replace_tables,
    revision_of,
    settle_sqlite_file,
    sqlite_file,
    table_counts,
)


class RestorePlan:
    def __init__(self, settings: Settings, source: Path) -> None:
        self.source = source
        self.url = settings.database_url
        self.backend = backend_of(self.url)
        self.blobs_target = settings.attachments_dir
        token = secrets.token_hex(4)
        self.new_blobs = self.blobs_target.parent / f".{self.blobs_target.name}.restore-{token}"
        self.replaced_blobs: Path | None = None
        if self.backend == "sqlite":
            self.db_file: Path | None = sqlite_file(self.url)
            self.new_db = self.db_file.parent / f".{self.db_file.name}.restore-{token}"
        else:
            self.db_file = None
            self.new_db = self.blobs_target.parent / f".cxmap-restore-{token}.jsonl"
        self.manifest: BackupManifest | None = None

    def check(self, manifest: BackupManifest, *, force: bool) -> None:
        """Refuse early, before reading the parts: wrong kind, unknown schema, data in the way."""
        if manifest.backend != self.backend:
            raise self.refused(
                f"this is a {manifest.backend} backup; the target database is {self.backend} "
                "(restore into the same kind of database)"
            )
        revision = manifest.alembic_revision
        if not is_known_revision(revision):
            raise self.refused(
                f"schema revision '{revision}' is unknown here (made by a newer cxmap?)"
            )
        if self.backend == "postgresql" and revision != head_revision():
            raise self.refused(
                f"a PostgreSQL backup restores only into the schema revision it was made at "
                f"('{revision}'); this cxmap is at '{head_revision()}'"
            )
        if not force:
            held = self.existing_data()
            if held:
                listed = ", ".join(f"{count} {what}" for what, count in held.items())
                raise AlreadyExistsError(
                    f"{self.describe_target()} already holds data ({listed}); "
                    "pass --force to replace it"
                )
        if self.db_file is not None:
            settle_sqlite_file(self.db_file)
        self.manifest = manifest

    def existing_data(self) -> dict[str, int]:
        """Rows per non-empty table of the target, and its attachment files."""
        held: dict[str, int] = {}
        if self.db_file is None or self.db_file.is_file():
            try:
                with consistent_reader(self.url) as connection:
                    held = {name: n for name, n in table_counts(connection).items() if n}
            except SQLAlchemyError as error:
                reason = " ".join(str(getattr(error, "orig", error)).split())
                raise CxmapError(f"{self.describe_target()}: cannot be read ({reason})") from None
        files = sum(1 for _ in BlobStore(self.blobs_target).hashes())
        if files:
            held["attachment files"] = files
        return held

    def describe_target(self) -> str:
        shown = parse_database_url(self.url).render_as_string(hide_password=True)
        return f"{self.db_file or shown} (attachments in {self.blobs_target})"

    def place(self, part: BackupPart) -> Path:
        """Where an archive member is staged (a blob's place is derived from its hash)."""
        if self.manifest is not None and part.name == self.manifest.database.name:
            return self.new_db
        return self.new_blobs / part.sha256[:2] / part.sha256

    def prepare(self, manifest: BackupManifest) -> None:
        """Check the staged database and bring it (or the target's schema) to this cxmap."""
        self.new_blobs.mkdir(parents=True, exist_ok=True)
        try:
            if self.db_file is not None:
                self._prepare_sqlite(manifest)
                return
            with self.new_db.open("rb") as dump:
                counts = dump_counts(dump)
            if counts != manifest.tables:
                raise self.refused(count_mismatch(counts, manifest.tables), "database.jsonl")
            if current_revision(self.url) != head_revision():
                upgrade(self.url)
        except InvalidInputError as error:
            problem = error.problems[0]
            raise self.refused(problem.message, problem.dotted_path) from None
        except (AlembicError, SQLAlchemyError) as error:
            reason = " ".join(str(getattr(error, "orig", error)).split())
            raise CxmapError(
                f"the database could not be prepared ({reason}); nothing was restored"
            ) from None

    def _prepare_sqlite(self, manifest: BackupManifest) -> None:
        check_sqlite_file(self.new_db, name="database.sqlite")
        with consistent_reader(sqlite_url(self.new_db)) as connection:
            counts, revision = table_counts(connection), revision_of(connection)
        if revision != manifest.alembic_revision:
            message = (
                f"is at revision '{revision}', the manifest says '{manifest.alembic_revision}'"
            )
            raise self.refused(message, "database.sqlite")
        if counts != manifest.tables:
            raise self.refused(count_mismatch(counts, manifest.tables), "database.sqlite")
        upgrade(sqlite_url(self.new_db))

    def commit(self) -> None:
        """Swap the staged data in; if the database step fails, put the old files back."""
        assert self.manifest is not None
        self.replaced_blobs = _swap_in(self.new_blobs, self.blobs_target)
        try:
            if self.db_file is not None:
                _replace_sqlite(self.new_db, self.db_file)
            else:
                self._load_postgresql(self.manifest)
        except BaseException:
            shutil.rmtree(self.blobs_target, ignore_errors=True)
            if self.replaced_blobs is not None:
                os.replace(self.replaced_blobs, self.blobs_target)
            self.replaced_blobs = None
            raise
        if self.replaced_blobs is not None:
            shutil.rmtree(self.replaced_blobs, ignore_errors=True)

    def _load_postgresql(self, manifest: BackupManifest) -> None:
        engine = create_store_engine(self.url, pool_size=1, max_overflow=0)
        try:
            with engine.begin() as connection, self.new_db.open("rb") as dump:
                replace_tables(connection, dump, manifest.tables)
        except SQLAlchemyError as error:
            reason = " ".join(str(getattr(error, "orig", error)).split())
            raise CxmapError(
                f"the database could not be restored ({reason}); it is unchanged"
            ) from None
        finally:
            engine.dispose()

    def refused(self, message: str, where: str = "manifest.json") -> InvalidInputError:
        if not message.endswith("nothing was restored"):
            message = f"{message}; nothing was restored"
        problem = Problem((where,), message)
        return InvalidInputError([problem], source=str(self.source))

    def clean_up(self) -> None:
        """Remove whatever staging is left (all of it after a failure)."""
        shutil.rmtree(self.new_blobs, ignore_errors=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            self.new_db.with_name(self.new_db.name + suffix).unlink(missing_ok=True)


def _swap_in(new: Path, target: Path) -> Path | None:
    """Rename `new` to `target`, keeping the old `target` aside (returned) until done."""
    old = None
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        old = target.with_name(f".{target.name}.replaced-{secrets.token_hex(4)}")
        os.replace(target, old)
    os.replace(new, target)
    fsync_folder(target.parent)
    return old


def _replace_sqlite(new: Path, target: Path) -> None:
    """One rename replaces the database file; its old log was folded in by `settle`."""
    settle_sqlite_file(target)
    target.with_name(target.name + "-shm").unlink(missing_ok=True)
    os.replace(new, target)
    fsync_folder(target.parent)
