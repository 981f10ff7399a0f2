"""Backup and restore round trips on SQLite and PostgreSQL, and archives that are refused
with nothing changed."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import tarfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cxmap.model.attachment import AttachmentAnchor
from cxmap.model.errors import AlreadyExistsError, CxmapError, InvalidInputError, NotFoundError
from cxmap.model.journey_record import JourneyQuery
from cxmap.model.workspace import Role
from cxmap.services import backup_restore
from cxmap.services.attachments import AttachmentFiles
from cxmap.services.backup import create_backup, restore_backup
from cxmap.settings import Settings
from cxmap.store import Accounts, Comments, Database, Journeys, Workspaces
from cxmap.store.blobs import BlobStore
from cxmap.store.rows import Base
from cxmap.store.schema import head_revision, upgrade
from cxmap.store.snapshots import consistent_reader
from tests.store import conftest as store_fixtures
from tests.store import sample_files
from tests.store.conftest import fresh_database, make_journey

backend = store_fixtures.backend


def place(url: str, folder: Path) -> Settings:
    return Settings(data_dir=folder, database_url=url, attachments_dir=folder / "attachments")


@pytest.fixture
def source(backend: str, tmp_path: Path) -> Iterator[Settings]:
    with fresh_database(backend, tmp_path) as url:
        settings = place(url, tmp_path / "source")
        populate(settings, "retail")
        yield settings


@pytest.fixture
def target(backend: str, tmp_path: Path) -> Iterator[Settings]:
    with ExitStack() as stack:
        url = stack.enter_context(fresh_database(backend, tmp_path))
        yield place(url, tmp_path / "target")


def populate(settings: Settings, slug: str) -> None:
    """Accounts, a workspace, a journey with two versions, a comment, three attachments
    (the same picture twice: one blob, one thumbnail; and a recording)."""
    upgrade(settings.database_url)
    database = Database.open(settings.database_url)
    try:
        with database.writing() as session:
            owner = Accounts(session).create_user(f"owner@{slug}.example", "Olga", None).id
            editor = Accounts(session).create_user(f"editor@{slug}.example", "Ed", None).id
            ws = Workspaces(session).create(slug, slug.title(), owner=owner).id
            Workspaces(session).add_member(ws, editor, role=Role.EDITOR)
            journeys = Journeys(session)
            journey = journeys.create(ws, make_journey(), by=owner)
            changed = make_journey(title="Checkout, revised")
            journeys.update(ws, journey.id, changed, expected_version=1, by=editor)
            Comments(session).add(ws, journey.id, author=editor, body="@olga look at pay")
        files = AttachmentFiles.from_settings(settings, database)
        for name, data, step in [
            ("pay.png", sample_files.png((500, 300)), "pay"),
            ("pay-again.png", sample_files.png((500, 300)), "search"),
            ("call.wav", sample_files.wav(), None),
        ]:
            anchor = AttachmentAnchor(journey_id=journey.id, step_id=step)
            files.upload(editor, ws, [data], name=name, declared_type=None, anchor=anchor)
    finally:
        database.close()


def state(settings: Settings) -> dict[str, Any]:
    """Every row of every table and every blob, in a comparable form."""
    tables: dict[str, list[str]] = {}
    with consistent_reader(settings.database_url) as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(select(table)).mappings()
            tables[table.name] = sorted(
                json.dumps(dict(row), default=str, sort_keys=True) for row in rows
            )
    blobs = BlobStore(settings.attachments_dir)
    files = {sha256: blobs.path_of(sha256).read_bytes() for sha256 in blobs.hashes()}
    return {"tables": tables, "blobs": files}


def test_a_backup_restores_everything_into_an_empty_place(
    source: Settings, target: Settings, tmp_path: Path, backend: str
) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(source, archive)
    assert manifest.backend == backend
    assert manifest.alembic_revision == head_revision()
    counts = manifest.tables
    assert (counts["users"], counts["workspaces"], counts["memberships"]) == (2, 1, 2)
    assert (counts["journeys"], counts["journey_revisions"], counts["comments"]) == (1, 2, 1)
    assert counts["attachments"] == 3
    assert len(manifest.blobs) == 3  # one picture, its thumbnail, one recording
    expected = state(source)
    assert manifest.blob_bytes == sum(len(data) for data in expected["blobs"].values())

    restored = restore_backup(target, archive)
    assert restored == manifest
    assert state(target) == expected
    database = Database.open(target.database_url)
    try:  # the service works on the restored data as it did on the original
        with database.reading() as session:
            ws = Workspaces(session).get_by_slug("retail").id
            owner = Accounts(session).find_by_email("owner@retail.example").id
            journey_id = Journeys(session).search(ws, JourneyQuery()).items[0].id
        files = AttachmentFiles.from_settings(target, database)
        listed = files.of_journey(owner, ws, journey_id)
        assert sorted(item.file_name for item in listed) == ["call.wav", "pay-again.png", "pay.png"]
        wav = next(item for item in listed if item.file_name == "call.wav")
        assert b"".join(files.download(owner, ws, wav.id).chunks) == sample_files.wav()
    finally:
        database.close()


def test_the_archive_holds_the_manifest_first_and_hashes_that_check_out(
    source: Settings, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(source, archive)
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        assert names[0] == "manifest.json"
        assert json.loads(tar.extractfile("manifest.json").read())["format"] == "cxmap-backup"  # type: ignore[union-attr]
        for part in (manifest.database, *manifest.blobs):
            data = tar.extractfile(part.name).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == part.sha256
            assert len(data) == part.size
    assert sorted(names[2:]) == sorted(f"blobs/{sha}" for sha in state(source)["blobs"])
    assert archive.stat().st_mode & 0o777 == 0o600


def test_an_unreferenced_blob_is_not_backed_up(source: Settings, tmp_path: Path) -> None:
    orphan = BlobStore(source.attachments_dir).put(b"left by a crash").sha256
    manifest = create_backup(source, tmp_path / "backup.tar.gz")
    assert orphan not in {blob.sha256 for blob in manifest.blobs}
    assert not [p for p in source.attachments_dir.iterdir() if p.name.startswith(".backup-")]


def test_an_existing_backup_file_is_kept_unless_forced(source: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older backup")
    with pytest.raises(AlreadyExistsError, match="pass --force to overwrite it"):
        create_backup(source, archive)
    assert archive.read_bytes() == b"an older backup"
    create_backup(source, archive, force=True)
    assert archive.read_bytes()[:2] == b"\x1f\x8b"  # gzip


def test_nothing_to_back_up(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=r"nothing to back up: .*cxmap\.db does not exist"):
        create_backup(Settings(data_dir=tmp_path / "empty"), tmp_path / "backup.tar.gz")
    assert not (tmp_path / "backup.tar.gz").exists()


def test_a_target_holding_data_is_replaced_only_with_force(
    source: Settings, target: Settings, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(source, archive)
    populate(target, "bank")
    before = state(target)
    with pytest.raises(AlreadyExistsError) as caught:
        restore_backup(target, archive)
    message = str(caught.value)
    assert "already holds data (" in message
    assert "2 users" in message
    assert "3 attachment files" in message
    assert message.endswith("pass --force to replace it")
    assert state(target) == before
    restore_backup(target, archive, force=True)
    assert state(target) == state(source)


def rebuilt(archive: Path, change: Any) -> bytes:
    """The archive's members, passed through `change(name, data)` (None drops a member)."""
    out = io.BytesIO()
    with tarfile.open(archive, "r:gz") as old, tarfile.open(fileobj=out, mode="w:gz") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())  # type: ignore[union-attr]
            if data is not None:
                info = tarfile.TarInfo(member.name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))
    return out.getvalue()


def flip_a_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def add_member(archive: bytes, name: str, data: bytes) -> bytes:
    raw = gzip.decompress(archive)
    tar_body = raw.rstrip(b"\x00")  # drop the end-of-archive blocks, append one more member
    extra = io.BytesIO()
    with tarfile.open(fileobj=extra, mode="w") as tar:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    padded = tar_body + bytes(-len(tar_body) % 512)
    return gzip.compress(padded + extra.getvalue())


CORRUPTIONS = [
    "flipped-byte",
    "truncated",
    "not-gzip",
    "tampered-blob",
    "missing-blob",
    "no-manifest",
    "wrong-counts",
    "path-traversal",
]


def corrupt(archive: Path, how: str) -> tuple[bytes, str]:
    """A damaged copy of the archive and the start of the refusal it must get."""
    good = archive.read_bytes()
    if how == "flipped-byte":
        return flip_a_byte(good), ""
    if how == "truncated":
        return good[: len(good) * 2 // 3], ""
    if how == "not-gzip":
        return b"PK\x03\x04 a zip, not a backup", "archive: is not a gzipped tar archive"
    with tarfile.open(archive) as tar:
        blob = sorted(name for name in tar.getnames() if name.startswith("blobs/"))[0]
    if how == "tampered-blob":
        damaged = rebuilt(archive, lambda name, data: flip_a_byte(data) if name == blob else data)
        return damaged, f"{blob}: its content does not match the SHA-256 in the manifest"
    if how == "missing-blob":
        damaged = rebuilt(archive, lambda name, data: None if name == blob else data)
        return damaged, f"{blob}: is missing from the archive"
    if how == "no-manifest":
        damaged = rebuilt(archive, lambda name, data: None if name == "manifest.json" else data)
        return damaged, "manifest.json: must be the archive's first member"
    if how == "wrong-counts":

        def more_users(name: str, data: bytes) -> bytes:
            if name != "manifest.json":
                return data
            manifest = json.loads(data)
            manifest["tables"]["users"] += 1
            return json.dumps(manifest).encode()

        return rebuilt(archive, more_users), "database."
    assert how == "path-traversal"
    return add_member(good, "../../evil.sh", b"rm -rf /"), "../../evil.sh: is not announced"


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_damaged_archive_is_refused_and_nothing_changes(
    source: Settings, target: Settings, tmp_path: Path, how: str
) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(source, archive)
    damaged, refusal = corrupt(archive, how)
    bad = tmp_path / "damaged.tar.gz"
    bad.write_bytes(damaged)
    populate(target, "bank")
    before = state(target)
    with pytest.raises(InvalidInputError) as caught:
        restore_backup(target, bad, force=True)  # even with force
    (line,) = caught.value.lines()
    assert line.startswith(f"{bad}: {refusal}")
    assert line.endswith("nothing was restored")
    assert state(target) == before
    leftovers = [p.name for p in target.data_dir.iterdir() if ".restore-" in p.name]
    assert leftovers == []
    assert not (tmp_path / "evil.sh").exists()


def test_a_backup_of_one_kind_does_not_restore_into_the_other(
    source: Settings, tmp_path: Path, backend: str
) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(source, archive)
    other = "postgresql" if backend == "sqlite" else "sqlite"
    refused = pytest.raises(InvalidInputError, match=f"this is a {backend} backup; the target")
    with fresh_database(other, tmp_path) as url, refused:
        restore_backup(place(url, tmp_path / "other"), archive)


def test_a_failing_database_step_puts_the_old_attachments_back(
    source: Settings, target: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(source, archive)
    populate(target, "bank")
    before = state(target)

    def failing(*args: object, **kwargs: object) -> None:
        raise CxmapError("disk failed while swapping the database")

    monkeypatch.setattr(backup_restore, "_replace_sqlite", failing)
    monkeypatch.setattr(backup_restore.RestorePlan, "_load_postgresql", failing)
    with pytest.raises(CxmapError, match="disk failed"):
        restore_backup(target, archive, force=True)
    assert state(target) == before
    assert [p.name for p in target.data_dir.iterdir() if p.name.startswith(".")] == []


def test_a_sqlite_database_in_use_is_not_replaced(tmp_path: Path) -> None:
    with fresh_database("sqlite", tmp_path) as url:
        settings = place(url, tmp_path / "live")
        populate(settings, "retail")
        archive = tmp_path / "backup.tar.gz"
        create_backup(settings, archive)
        before = state(settings)
        path = settings.database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as server:  # a server with the database open
            server.execute("PRAGMA journal_mode = WAL")
            server.execute("SELECT count(*) FROM users").fetchone()
            with pytest.raises(CxmapError, match="is in use by another process"):
                restore_backup(settings, archive, force=True)
        server.close()
        assert state(settings) == before
