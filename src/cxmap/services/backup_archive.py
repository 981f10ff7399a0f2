"""The backup archive on disk: a gzipped tar with the manifest first, then the parts.

Writing goes to a temporary file beside the target, renamed into place when complete.
Reading never trusts the archive: members are taken one by one in a single pass, only the
names the manifest announces are accepted (no paths of their own, no links, no devices),
each is streamed to where the caller says while its size and SHA-256 are checked, and
anything missing, extra or different refuses the whole archive. Nothing is extracted with
`tarfile`'s own extraction, so no member name ever becomes a path.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from cxmap.model.backup import MANIFEST_NAME, BackupManifest, BackupPart, manifest_problems
from cxmap.model.errors import CxmapError, InvalidInputError, Problem

CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_DAMAGED = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_archive(target: Path, manifest: BackupManifest, files: dict[str, Path]) -> None:
    """The manifest, then every part in manifest order, into `target` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive:
                body = manifest.model_dump_json(indent=2).encode("utf-8")
                _add(archive, MANIFEST_NAME, io.BytesIO(body), len(body))
                for part in (manifest.database, *manifest.blobs):
                    with files[part.name].open("rb") as stream:
                        _add(archive, part.name, stream, part.size)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(name, 0o600)  # a backup holds every account's data: owner-only
        os.replace(name, target)
    except OSError as error:
        raise CxmapError(f"{target}: cannot write ({error.strerror or error})") from None
    finally:
        Path(name).unlink(missing_ok=True)


def _add(
    archive: tarfile.TarFile, name: str, stream: io.BufferedIOBase | io.BytesIO, size: int
) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    archive.addfile(info, stream)


class ArchiveReader:
    """One pass over an archive: `manifest()` first, then `extract()` the parts."""

    def __init__(self, source: Path, archive: tarfile.TarFile) -> None:
        self.source = source
        self.archive = archive
        self._members: Iterator[tarfile.TarInfo] = iter(archive)
        self._manifest: BackupManifest | None = None

    def manifest(self) -> BackupManifest:
        first = self._next()
        if first is None or first.name != MANIFEST_NAME or not first.isfile():
            raise self.refused(
                MANIFEST_NAME, "must be the archive's first member; is this a cxmap backup?"
            )
        if first.size > MAX_MANIFEST_BYTES:
            raise self.refused(MANIFEST_NAME, "is implausibly large")
        stream = self.archive.extractfile(first)
        assert stream is not None  # a regular file always has a stream
        try:
            manifest = BackupManifest.model_validate_json(stream.read())
        except ValidationError as error:
            detail = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in detail["loc"]) or "(document)"
            raise self.refused(MANIFEST_NAME, f"{where}: {detail['msg']}") from None
        problems = manifest_problems(manifest)
        if problems:
            raise self.refused(MANIFEST_NAME, "; ".join(problems))
        self._manifest = manifest
        return manifest

    def extract(self, place: Callable[[BackupPart], Path]) -> None:
        """Stream every announced part to `place(part)`, checking size and SHA-256."""
        manifest = self._manifest or self.manifest()
        expected = manifest.expected_parts()
        seen: set[str] = set()
        while (member := self._next()) is not None:
            part = expected.get(member.name)
            if part is None or member.name in seen:
                raise self.refused(member.name, "is not announced by the manifest (or repeated)")
            if not member.isfile():
                raise self.refused(member.name, "is not a regular file")
            if member.size != part.size:
                raise self.refused(
                    member.name, f"has {member.size} bytes, the manifest says {part.size}"
                )
            self._copy_checked(member, part, place(part))
            seen.add(member.name)
        missing = sorted(set(expected) - seen)
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            raise self.refused(missing[0], f"is missing from the archive{more}")

    def _copy_checked(self, member: tarfile.TarInfo, part: BackupPart, target: Path) -> None:
        stream = self.archive.extractfile(member)
        assert stream is not None
        digest = hashlib.sha256()
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._reading(), target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != part.sha256:
            raise self.refused(part.name, "its content does not match the SHA-256 in the manifest")

    def _next(self) -> tarfile.TarInfo | None:
        with self._reading():
            return next(self._members, None)

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except _DAMAGED as error:
            reason = " ".join(str(error).split()) or type(error).__name__
            raise self.refused("archive", f"is damaged ({reason})") from None

    def refused(self, where: str, message: str) -> InvalidInputError:
        problem = Problem((where,), f"{message}; nothing was restored")
        return InvalidInputError([problem], source=str(self.source))


@contextmanager
def open_archive(source: Path) -> Iterator[ArchiveReader]:
    """An archive opened for one streaming pass (`r|gz`: no seeking, any size)."""
    try:
        raw = source.open("rb")
    except FileNotFoundError:
        raise CxmapError(f"{source}: no such file") from None
    except OSError as error:
        raise CxmapError(f"{source}: cannot be read ({error.strerror or error})") from None
    with raw:
        try:
            archive = tarfile.open(fileobj=raw, mode="r|gz")  # noqa: SIM115 (closed by `with` below)
        except _DAMAGED as error:
            reason = " ".join(str(error).split())
            problem = Problem(
                ("archive",), f"is not a gzipped tar archive ({reason}); nothing was restored"
            )
            raise InvalidInputError([problem], source=str(source)) from None
        with archive:
            yield ArchiveReader(source, archive)
