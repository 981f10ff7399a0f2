"""Uploading, downloading and deleting attachments: blobs and rows kept in step, on both
backends, with nothing left behind by a refused or failed upload."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from PIL import Image

from cxmap.model.attachment import AttachmentAnchor
from cxmap.model.errors import (
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    TooLargeError,
)
from cxmap.model.workspace import Role
from cxmap.services.attachments import AttachmentFiles
from cxmap.store import Accounts, Database, Journeys, Workspaces
from cxmap.store.attachments import Attachments
from cxmap.store.blobs import INCOMING, BlobStore, IncomingBlob, StoredBlob
from tests.store import conftest as store_fixtures
from tests.store import sample_files
from tests.store.conftest import Team, make_journey

# The store's fixtures (one database per backend, a team in two workspaces), reused here so
# the use cases run on SQLite and PostgreSQL alike.
backend = store_fixtures.backend
migrated_url = store_fixtures.migrated_url
database = store_fixtures.database
team = store_fixtures.team

MAX_BYTES = 64 * 1024


@pytest.fixture
def files(database: Database, tmp_path: Path) -> AttachmentFiles:
    return AttachmentFiles(database, BlobStore(tmp_path / "attachments"), max_bytes=MAX_BYTES)


@pytest.fixture
def journey_id(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def chunked(data: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def stored_files(files: AttachmentFiles) -> list[str]:
    """Every file in the blob store but the lock: blobs and temporary files alike."""
    root = files.blobs.root
    if not root.exists():
        return []
    return sorted(p.name for p in root.rglob("*") if p.is_file() and p.name != ".lock")


def row_count(database: Database) -> int:
    with database.reading() as session:
        return Attachments(session).count()


def upload(
    files: AttachmentFiles,
    team: Team,
    journey_id: UUID,
    data: bytes,
    name: str = "checkout.png",
    declared: str | None = "image/png",
    step: str | None = "pay",
) -> UUID:
    anchor = AttachmentAnchor(journey_id=journey_id, step_id=step)
    attachment = files.upload(
        team.editor, team.ws, chunked(data), name=name, declared_type=declared, anchor=anchor
    )
    return attachment.id


def test_a_picture_round_trips_with_a_thumbnail(
    files: AttachmentFiles, team: Team, journey_id: UUID
) -> None:
    data = sample_files.png((800, 400))
    attachment_id = upload(files, team, journey_id, data, name="../../shots/checkout.png")
    attachment = files.get(team.owner, team.ws, attachment_id)
    assert attachment.file_name == "checkout.png"
    assert (attachment.content_type, attachment.size) == ("image/png", len(data))
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert (attachment.step_id, attachment.uploaded_by) == ("pay", team.editor)

    download = files.download(team.owner, team.ws, attachment_id)
    assert (download.content_type, download.size) == ("image/png", len(data))
    assert b"".join(download.chunks) == data

    preview = files.download(team.owner, team.ws, attachment_id, thumbnail=True)
    picture = Image.open(io.BytesIO(b"".join(preview.chunks)))
    assert (preview.content_type, picture.format, picture.size) == ("image/png", "PNG", (320, 160))
    assert attachment.thumbnail_sha256 is not None
    assert sorted(stored_files(files)) == sorted([attachment.sha256, attachment.thumbnail_sha256])


def test_audio_and_documents_have_no_thumbnail(
    files: AttachmentFiles, team: Team, journey_id: UUID
) -> None:
    wav_id = upload(files, team, journey_id, sample_files.wav(), "call.wav", "audio/x-wav")
    docx_id = upload(files, team, journey_id, sample_files.docx(), "notes.docx", None, None)
    assert files.get(team.owner, team.ws, wav_id).content_type == "audio/wav"
    assert files.get(team.owner, team.ws, docx_id).thumbnail_sha256 is None
    with pytest.raises(NotFoundError, match="has no thumbnail"):
        files.download(team.owner, team.ws, wav_id, thumbnail=True)
    listed = files.of_journey(team.owner, team.ws, journey_id)
    assert [item.id for item in listed] == [wav_id, docx_id]
    assert files.of_journey(team.owner, team.ws, journey_id, step_id="pay")[0].id == wav_id


def test_the_same_file_twice_is_one_blob_until_both_are_deleted(
    files: AttachmentFiles, team: Team, journey_id: UUID
) -> None:
    data = sample_files.jpeg()
    first = upload(files, team, journey_id, data, "a.jpg", "image/jpeg")
    second = upload(files, team, journey_id, data, "b.jpeg", "image/jpeg", step="search")
    assert len(stored_files(files)) == 2  # the photo and its thumbnail, once each
    files.delete(team.editor, team.ws, first)
    assert len(stored_files(files)) == 2
    assert b"".join(files.download(team.owner, team.ws, second).chunks) == data
    files.delete(team.editor, team.ws, second)
    assert stored_files(files) == []
    with pytest.raises(NotFoundError):
        files.get(team.owner, team.ws, second)


def test_a_mislabelled_file_leaves_nothing(
    files: AttachmentFiles, database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        upload(files, team, journey_id, sample_files.png(), "photo.jpg", "image/jpeg")
    assert caught.value.lines() == [
        "content: 'photo.jpg' should be a JPEG image, but its content is a PNG image"
    ]
    assert stored_files(files) == []
    assert row_count(database) == 0


def test_an_empty_file_is_refused(files: AttachmentFiles, team: Team, journey_id: UUID) -> None:
    with pytest.raises(InvalidInputError, match="content: is empty"):
        upload(files, team, journey_id, b"", "notes.txt", "text/plain")
    assert stored_files(files) == []


def test_a_too_large_upload_is_cut_off_and_leaves_nothing(
    files: AttachmentFiles, database: Database, team: Team, journey_id: UUID
) -> None:
    with pytest.raises(TooLargeError, match=f"content: is larger than the limit of {MAX_BYTES}"):
        upload(files, team, journey_id, b"a" * (MAX_BYTES + 1), "big.txt", "text/plain")
    assert stored_files(files) == []
    assert row_count(database) == 0


def never_read() -> Iterator[bytes]:
    pytest.fail("the body was read although the upload could be refused without it")
    yield b""  # pragma: no cover


@pytest.mark.parametrize(
    ("name", "declared", "step", "error"),
    [
        ("shot.png", "application/pdf", "pay", "content_type: declared as 'application/pdf'"),
        ("setup.exe", None, "pay", "file_name: 'setup.exe': '.exe' files are not accepted"),
        ("shot.png", None, "payy", "step_id: unknown step 'payy'; did you mean 'pay'?"),
    ],
)
def test_refusals_that_need_no_body_come_before_reading_it(
    files: AttachmentFiles,
    team: Team,
    journey_id: UUID,
    name: str,
    declared: str | None,
    step: str,
    error: str,
) -> None:
    anchor = AttachmentAnchor(journey_id=journey_id, step_id=step)
    with pytest.raises(InvalidInputError) as caught:
        files.upload(
            team.editor, team.ws, never_read(), name=name, declared_type=declared, anchor=anchor
        )
    assert caught.value.lines()[0].startswith(error)


def test_a_failing_database_write_removes_the_new_blobs_but_not_shared_ones(
    files: AttachmentFiles,
    database: Database,
    team: Team,
    journey_id: UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = upload(files, team, journey_id, sample_files.png(), "kept.png")
    before = stored_files(files)

    def broken_add(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(Attachments, "add", broken_add)
    with pytest.raises(RuntimeError, match="database went away"):
        upload(files, team, journey_id, sample_files.jpeg(), "new.jpg", "image/jpeg")
    assert stored_files(files) == before  # the new photo and thumbnail were removed
    with pytest.raises(RuntimeError, match="database went away"):
        upload(files, team, journey_id, sample_files.png(), "again.png")  # same bytes as kept
    assert stored_files(files) == before  # the shared blob stayed: `kept` still needs it
    monkeypatch.undo()
    assert row_count(database) == 1
    assert b"".join(files.download(team.owner, team.ws, kept).chunks) == sample_files.png()
    assert not list((files.blobs.root / INCOMING).iterdir())


def test_roles_and_workspaces_are_enforced(
    files: AttachmentFiles, database: Database, team: Team, journey_id: UUID
) -> None:
    with database.writing() as session:
        viewer = Accounts(session).create_user("viewer@example.com", "Vi Viewer", None).id
        Workspaces(session).add_member(team.ws, viewer, role=Role.VIEWER)
    attachment_id = upload(files, team, journey_id, sample_files.pdf(), "scan.pdf", None, None)
    anchor = AttachmentAnchor(journey_id=journey_id)
    with pytest.raises(PermissionDeniedError, match="needs the editor role"):
        files.upload(viewer, team.ws, never_read(), name="x.pdf", declared_type=None, anchor=anchor)
    with pytest.raises(PermissionDeniedError):
        files.delete(viewer, team.ws, attachment_id)
    assert b"".join(files.download(viewer, team.ws, attachment_id).chunks) == sample_files.pdf()
    with pytest.raises(NotFoundError, match="workspace"):
        files.download(team.outsider, team.ws, attachment_id)
    # the outsider's own workspace does not have it either: not found, never a leak
    with pytest.raises(NotFoundError, match=f"attachment {attachment_id} not found"):
        files.download(team.outsider, team.other, attachment_id)
    with pytest.raises(NotFoundError, match=f"attachment {attachment_id} not found"):
        files.delete(team.outsider, team.other, attachment_id)
    assert row_count(database) == 1


def test_garbage_collection_removes_only_unreferenced_blobs(
    files: AttachmentFiles, team: Team, journey_id: UUID
) -> None:
    attachment_id = upload(files, team, journey_id, sample_files.wav(), "call.wav", None)
    orphan = files.blobs.put(b"left behind by a crash").sha256
    assert files.collect_garbage() == 1
    assert not files.blobs.exists(orphan)
    assert b"".join(files.download(team.owner, team.ws, attachment_id).chunks) == (
        sample_files.wav()
    )


def test_a_deletion_cannot_free_a_blob_an_upload_is_about_to_refer_to(
    files: AttachmentFiles,
    database: Database,
    team: Team,
    journey_id: UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race the guard exists for: an upload finds the blob already stored, and before its
    row is written the only other attachment of those bytes is deleted. Without the guard
    the deletion sees no reference and removes the blob under the new row."""
    data = sample_files.wav()
    first = upload(files, team, journey_id, data, "first.wav", None)
    kept_blob = threading.Event()
    original_keep = files.blobs.keep

    def slow_keep(incoming: IncomingBlob) -> StoredBlob:
        stored = original_keep(incoming)
        kept_blob.set()
        time.sleep(0.5)  # the deletion below runs now, unless the guard holds it back
        return stored

    monkeypatch.setattr(files.blobs, "keep", slow_keep)
    second: list[UUID] = []
    uploader = threading.Thread(
        target=lambda: second.append(upload(files, team, journey_id, data, "second.wav", None))
    )
    uploader.start()
    assert kept_blob.wait(timeout=30)
    files.delete(team.editor, team.ws, first)
    uploader.join(timeout=30)
    assert len(second) == 1
    assert b"".join(files.download(team.owner, team.ws, second[0]).chunks) == data


def test_concurrent_uploads_and_deletes_of_the_same_bytes_stay_consistent(
    files: AttachmentFiles, database: Database, team: Team, journey_id: UUID
) -> None:
    """Every upload of the same file lands; every deletion frees the blob only when it was
    the last reference. At the end, a blob exists exactly when a row still refers to it."""
    data = sample_files.mp3()
    sha256 = hashlib.sha256(data).hexdigest()
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            for _ in range(3):
                attachment_id = upload(files, team, journey_id, data, f"call-{index}.mp3", None)
                assert files.blobs.exists(sha256)
                if index % 2:
                    files.delete(team.editor, team.ws, attachment_id)
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert row_count(database) == 9  # three workers kept three uploads each
    assert files.blobs.exists(sha256)
    for attachment in files.of_journey(team.owner, team.ws, journey_id):
        files.delete(team.editor, team.ws, attachment.id)
    assert stored_files(files) == []
