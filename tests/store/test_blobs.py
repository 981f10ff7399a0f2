"""The blob store: content addressing, deduplication, atomic streaming writes, clean failure."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxmap.model.errors import CxmapError, InvalidInputError, NotFoundError, TooLargeError
from cxmap.store import blobs as blobs_module
from cxmap.store.blobs import CHUNK_SIZE, INCOMING, BlobStore, file_chunks


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "attachments")


def leftovers(store: BlobStore) -> list[str]:
    """Every file under the store except the lock: temporary files and blobs alike."""
    return sorted(
        str(path.relative_to(store.root))
        for path in store.root.rglob("*")
        if path.is_file() and path.name != ".lock"
    )


def test_a_blob_lives_at_a_path_made_only_of_its_hash(store: BlobStore) -> None:
    data = b"interview transcript\n"
    digest = hashlib.sha256(data).hexdigest()
    stored = store.put(data)
    assert stored.sha256 == digest
    assert stored.size == len(data)
    assert stored.created
    assert store.path_of(digest) == store.root / digest[:2] / digest
    assert (store.root / digest[:2] / digest).read_bytes() == data
    assert leftovers(store) == [f"{digest[:2]}/{digest}"]


def test_the_same_bytes_are_stored_once(store: BlobStore) -> None:
    first = store.put(b"same bytes")
    second = store.put(b"same bytes")
    assert first.sha256 == second.sha256
    assert (first.created, second.created) == (True, False)
    assert len(leftovers(store)) == 1  # the second temporary file was dropped, not kept


def test_chunks_in_and_chunks_out(store: BlobStore) -> None:
    pieces = [os.urandom(size) for size in (1, 70_000, 0, 12_345, CHUNK_SIZE)]
    whole = b"".join(pieces)
    with store.receive(iter(pieces), max_bytes=len(whole)) as incoming:
        assert incoming.sha256 == hashlib.sha256(whole).hexdigest()
        assert incoming.size == len(whole)
        assert incoming.head(4) == whole[:4]
        stored = store.keep(incoming)
    out = list(store.open_chunks(stored.sha256))
    assert b"".join(out) == whole
    assert all(len(chunk) <= CHUNK_SIZE for chunk in out)
    assert len(out) == -(-len(whole) // CHUNK_SIZE)


def test_a_file_object_is_read_in_chunks(store: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "upload.bin"
    source.write_bytes(b"x" * (CHUNK_SIZE * 2 + 5))
    with source.open("rb") as stream:
        stored = store.put(b"".join(file_chunks(stream)))
    assert store.path_of(stored.sha256).read_bytes() == source.read_bytes()


def test_an_upload_over_the_limit_stops_at_the_first_chunk_past_it(store: BlobStore) -> None:
    pulled = 0

    def endless() -> Iterator[bytes]:
        nonlocal pulled
        while True:
            pulled += 1
            yield b"a" * 1000

    with pytest.raises(TooLargeError) as raised, store.receive(endless(), max_bytes=2500):
        pytest.fail("the block must not run for a too-large upload")
    assert pulled == 3  # 1000, 2000, then 3000 > 2500: nothing more is read
    assert raised.value.limit == 2500
    assert raised.value.lines() == ["content: is larger than the limit of 2500 bytes"]
    assert leftovers(store) == []


def test_exactly_the_limit_is_accepted(store: BlobStore) -> None:
    with store.receive([b"a" * 100], max_bytes=100) as incoming:
        assert store.keep(incoming).size == 100


def test_a_stream_that_breaks_leaves_nothing(store: BlobStore) -> None:
    def broken() -> Iterator[bytes]:
        yield b"first part"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError), store.receive(broken(), max_bytes=1000):
        pytest.fail("unreachable")
    assert leftovers(store) == []


def test_received_bytes_not_kept_are_removed(store: BlobStore) -> None:
    seen: list[Path] = []

    def refuse() -> None:
        with store.receive([b"abc"], max_bytes=10) as incoming:
            assert incoming.path.is_file()
            assert incoming.path.parent == store.root / INCOMING
            seen.append(incoming.path)
            raise RuntimeError("the caller refused the content")

    with pytest.raises(RuntimeError):
        refuse()
    assert len(seen) == 1
    assert not seen[0].exists()
    assert leftovers(store) == []


def test_a_failed_rename_leaves_neither_blob_nor_temporary_file(
    store: BlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(blobs_module.os, "replace", failing_replace)
    with pytest.raises(CxmapError, match="cannot store the file \\(No space left on device\\)"):
        store.put(b"bytes")
    assert leftovers(store) == []


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..", "", "A" * 64, "a" * 63, "a" * 65, "/" + "a" * 63, "g" * 64],
)
def test_only_a_sha256_names_a_blob(store: BlobStore, name: str) -> None:
    with pytest.raises(InvalidInputError, match="is not a SHA-256"):
        store.path_of(name)


def test_reading_or_sizing_a_missing_blob_is_not_found(store: BlobStore) -> None:
    missing = "0" * 64
    with pytest.raises(NotFoundError, match=f"blob {missing} not found"):
        store.open_chunks(missing)
    with pytest.raises(NotFoundError):
        store.size_of(missing)


def test_remove_deletes_once(store: BlobStore) -> None:
    stored = store.put(b"to be removed")
    assert store.remove(stored.sha256)
    assert not store.exists(stored.sha256)
    assert not store.remove(stored.sha256)


def test_hashes_lists_blobs_only(store: BlobStore) -> None:
    expected = sorted(store.put(data).sha256 for data in (b"one", b"two", b"three"))
    (store.root / INCOMING / "upload-stray").write_bytes(b"half")
    (store.root / "notes.txt").write_bytes(b"not a blob")
    with store.guard():
        pass  # creates the lock file
    assert sorted(store.hashes()) == expected


def test_stale_temporary_files_are_discarded(store: BlobStore) -> None:
    folder = store.root / INCOMING
    folder.mkdir(parents=True)
    old, fresh = folder / "upload-old", folder / "upload-fresh"
    old.write_bytes(b"left by a killed process")
    fresh.write_bytes(b"being written now")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert store.discard_stale_incoming(older_than_s=3600) == 1
    assert not old.exists()
    assert fresh.exists()


def test_a_link_keeps_the_bytes_after_the_blob_is_removed(store: BlobStore, tmp_path: Path) -> None:
    stored = store.put(b"evidence")
    target = tmp_path / "staging" / stored.sha256
    target.parent.mkdir()
    store.link_into(stored.sha256, target)
    store.remove(stored.sha256)
    assert target.read_bytes() == b"evidence"


def test_the_guard_excludes_a_second_holder(store: BlobStore) -> None:
    """Two threads open the lock file separately, as two processes would."""
    order: list[str] = []
    holding = threading.Event()

    def second() -> None:
        holding.wait()
        with store.guard():
            order.append("second in")

    thread = threading.Thread(target=second)
    thread.start()
    with store.guard():
        order.append("first in")
        holding.set()
        time.sleep(0.3)  # the second thread is blocked on the lock meanwhile
        order.append("first out")
    thread.join(timeout=10)
    assert order == ["first in", "first out", "second in"]
