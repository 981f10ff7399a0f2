"""What a backup archive holds, as written in its manifest.

The manifest is the archive's first member, so a restore knows before reading any data
what must follow: the database part and every attachment blob, each with its size and
SHA-256, and how many rows each table had. A restore checks all of it before it changes
anything; an archive that does not match its manifest is refused whole.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import Field

from cxmap.model.workspace import Record

MANIFEST_NAME = "manifest.json"
#: The database part: a SQLite file (`sqlite3` backup API) or a JSON-lines table dump.
DATABASE_PART = {"sqlite": "database.sqlite", "postgresql": "database.jsonl"}
BLOB_FOLDER = "blobs/"
_SHA256 = r"[0-9a-f]{64}"


class BackupPart(Record):
    """One file in the archive."""

    name: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=f"^{_SHA256}$")


class BackupManifest(Record):
    format: Literal["cxmap-backup"] = "cxmap-backup"
    format_version: Literal[1] = 1
    cxmap_version: str
    created_at: datetime
    backend: Literal["sqlite", "postgresql"]
    alembic_revision: str = Field(min_length=1)
    database: BackupPart
    tables: dict[str, int] = Field(description="Rows per table in the snapshot.")
    blobs: list[BackupPart] = Field(description="Attachment files, named blobs/<sha256>.")

    @property
    def blob_bytes(self) -> int:
        return sum(blob.size for blob in self.blobs)

    def expected_parts(self) -> dict[str, BackupPart]:
        """Every member that must follow the manifest, by name."""
        return {part.name: part for part in (self.database, *self.blobs)}


def blob_part_name(sha256: str) -> str:
    return f"{BLOB_FOLDER}{sha256}"


def is_blob_part(name: str) -> bool:
    """`blobs/<sha256>` and nothing else: no folders, no `..`, no other names."""
    return re.fullmatch(f"{BLOB_FOLDER}{_SHA256}", name) is not None


def manifest_problems(manifest: BackupManifest) -> list[str]:
    """What makes a well-formed manifest unusable (parts that cannot be what they claim)."""
    problems = []
    if manifest.database.name != DATABASE_PART[manifest.backend]:
        problems.append(
            f"a {manifest.backend} backup's database part must be named "
            f"{DATABASE_PART[manifest.backend]}, not {manifest.database.name}"
        )
    for blob in manifest.blobs:
        if not is_blob_part(blob.name) or blob.name != blob_part_name(blob.sha256):
            problems.append(f"'{blob.name}' is not blobs/<its sha256>")
    if len({blob.name for blob in manifest.blobs}) != len(manifest.blobs):
        problems.append("a blob is listed twice")
    return problems
