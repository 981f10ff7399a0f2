"""File bytes on disk, addressed by their SHA-256: stored once, written atomically, streamed.

A blob's path is derived from its hash alone (`ab/abcdef...`), never from a user's file
name, so no upload can name a path. The same bytes uploaded twice are one file. Incoming
bytes are streamed into a temporary file in `.incoming/` on the same file system, hashed
and counted on the way (so a too-large upload is cut off as soon as it passes the limit,
never buffered whole), flushed to disk, and only then renamed into place: a blob is either
complete or absent. Whatever fails on the way, the temporary file is removed.

Blobs never change once written; a writer that must keep a database row and a blob in step
(an upload, a deletion that frees a blob, a backup) does so under `guard()`, an exclusive
lock on a file in the store that holds across threads and processes.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cxmap.model.errors import CxmapError, InvalidInputError, NotFoundError, Problem, TooLargeError

CHUNK_SIZE = 64 * 1024
INCOMING = ".incoming"
LOCK_FILE = ".lock"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def file_chunks(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """A binary file read in chunks (how an upload's body is handed to `receive`)."""
    while chunk := stream.read(chunk_size):
        yield chunk


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a crash after it cannot bring the old name back)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the same bytes were already stored


@dataclass(frozen=True)
class IncomingBlob:
    """Bytes received completely into a temporary file, not yet part of the store."""

    path: Path
    sha256: str
    size: int

    def head(self, size: int = 8192) -> bytes:
        with self.path.open("rb") as stream:
            return stream.read(size)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        """Where the blob with this hash lives; anything but 64 hex digits is refused."""
        if not is_sha256(sha256):
            raise InvalidInputError([Problem(("sha256",), f"'{sha256}' is not a SHA-256")])
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def size_of(self, sha256: str) -> int:
        try:
            return self.path_of(sha256).stat().st_size
        except FileNotFoundError:
            raise NotFoundError(f"blob {sha256} not found") from None

    @contextmanager
    def receive(self, chunks: Iterable[bytes], *, max_bytes: int) -> Iterator[IncomingBlob]:
        """Stream `chunks` into a temporary file; it is removed when the block ends unless kept.

        More than `max_bytes` raises `TooLargeError` at the first chunk past the limit.
        """
        handle, name = self._temporary(self.root / INCOMING)
        path = Path(name)
        try:
            sha256, size = self._write_hashed(handle, chunks, max_bytes)
            yield IncomingBlob(path, sha256, size)
        finally:
            path.unlink(missing_ok=True)

    def keep(self, incoming: IncomingBlob) -> StoredBlob:
        """Move received bytes into place (or drop them when the same bytes are stored)."""
        target = self.path_of(incoming.sha256)
        try:
            if target.is_file():
                incoming.path.unlink(missing_ok=True)
                return StoredBlob(incoming.sha256, incoming.size, created=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(incoming.path, 0o644)
            os.replace(incoming.path, target)
            fsync_folder(target.parent)
        except OSError as error:
            raise self._cannot_store(error) from None
        return StoredBlob(incoming.sha256, incoming.size, created=True)

    def put(self, data: bytes) -> StoredBlob:
        """Store bytes already in memory (a thumbnail), with the same guarantees."""
        with self.receive([data], max_bytes=len(data)) as incoming:
            return self.keep(incoming)

    def open_chunks(self, sha256: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The blob's bytes in chunks; opened now, so a missing blob fails here, not mid-stream."""
        try:
            stream = self.path_of(sha256).open("rb")
        except FileNotFoundError:
            raise NotFoundError(f"blob {sha256} not found") from None
        return _chunks_closing(stream, chunk_size)

    def remove(self, sha256: str) -> bool:
        """Delete a blob (call only when nothing refers to it); False if it was not there."""
        path = self.path_of(sha256)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        fsync_folder(path.parent)
        return True

    def hashes(self) -> Iterator[str]:
        """Every stored blob's hash (temporary files and the lock are not blobs)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2 and not folder.name.startswith("."):
                for path in sorted(folder.iterdir()):
                    if is_sha256(path.name) and path.name.startswith(folder.name):
                        yield path.name

    def link_into(self, sha256: str, target: Path) -> None:
        """Put the blob at `target` without copying when possible (a hard link; blobs are
        immutable, so the link keeps the bytes even if the blob is removed from the store)."""
        source = self.path_of(sha256)
        try:
            os.link(source, target)
        except FileNotFoundError:
            raise NotFoundError(f"blob {sha256} not found") from None
        except OSError as error:
            if error.errno not in {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP}:
                raise
            shutil.copyfile(source, target)

    def discard_stale_incoming(self, older_than_s: float = 3600.0) -> int:
        """Remove temporary files left by a process that was killed mid-upload."""
        folder = self.root / INCOMING
        if not folder.is_dir():
            return 0
        limit, removed = time.time() - older_than_s, 0
        for path in folder.iterdir():
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Exclusive access for changes that must keep blobs and their references in step."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise self._cannot_store(error) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)  # closing releases the lock

    def _write_hashed(
        self, handle: int, chunks: Iterable[bytes], max_bytes: int
    ) -> tuple[str, int]:
        """Write chunks to an open file, hashing and counting; stop at the first byte too many.

        Only the store's own writes become "cannot store" errors: an error raised by the
        stream itself (a client that went away) goes up as it is.
        """
        digest, size = hashlib.sha256(), 0
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise TooLargeError("content", max_bytes)
                digest.update(chunk)
                try:
                    stream.write(chunk)
                except OSError as error:
                    raise self._cannot_store(error) from None
            try:
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as error:
                raise self._cannot_store(error) from None
        return digest.hexdigest(), size

    def _temporary(self, folder: Path) -> tuple[int, str]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return tempfile.mkstemp(prefix="upload-", dir=folder)
        except OSError as error:
            raise self._cannot_store(error) from None

    def _cannot_store(self, error: OSError) -> CxmapError:
        return CxmapError(f"{self.root}: cannot store the file ({error.strerror or error})")


def _chunks_closing(stream: BinaryIO, chunk_size: int) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(chunk_size):
            yield chunk
