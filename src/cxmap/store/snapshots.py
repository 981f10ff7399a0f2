"""Consistent copies of the whole database, and putting one back.

SQLite: the `sqlite3` backup API copies every page in one step under a read lock, giving
an exact, consistent file (the writers of a WAL database are not even blocked); restoring
puts such a file in place of the old one by a rename, which is atomic.

PostgreSQL: a logical dump through SQLAlchemy. Every table of the metadata is read, in
dependency order, inside one REPEATABLE READ READ ONLY transaction, so all tables come from
the same instant while the server keeps working; rows are written as JSON lines. Loading
replaces every table's rows in one transaction: it all lands, or the old data stays. This
needs no `pg_dump` of the server's exact version on the machine, and the dump is checked row
by row against the same row classes the store uses. The price: it restores only into the
schema revision it was taken at (the manifest says which), not across versions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicError
from sqlalchemy import Connection, Table, func, inspect, select
from sqlalchemy import table as table_named
from sqlalchemy.types import Uuid

from cxmap.model.errors import CxmapError, InvalidInputError, Problem
from cxmap.store.column_types import UtcDateTime
from cxmap.store.database import create_store_engine, parse_database_url
from cxmap.store.rows import AttachmentRow, Base
from cxmap.store.schema import alembic_config

BATCH = 500


def is_known_revision(revision: str) -> bool:
    """Whether this cxmap ships the migration `revision` (a newer cxmap's is unknown)."""
    scripts = ScriptDirectory.from_config(alembic_config(""))
    try:
        return scripts.get_revision(revision) is not None
    except AlembicError:
        return False


def backend_of(url: str) -> str:
    return parse_database_url(url).get_backend_name()


def sqlite_file(url: str) -> Path:
    return Path(str(parse_database_url(url).database)).expanduser()


def copy_sqlite(source: Path, target: Path) -> None:
    """An exact copy of a live SQLite database, consistent as of one instant."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def check_sqlite_file(path: Path, name: str | None = None) -> None:
    """SQLite's own integrity check on a database file; a damaged one is refused."""
    try:
        with closing(sqlite3.connect(path)) as connection:
            (result,) = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as error:
        result = str(error)
    if result != "ok":
        raise InvalidInputError(
            [Problem((path.name,), f"is not a sound SQLite database ({result})")]
        )


def settle_sqlite_file(path: Path) -> None:
    """Fold the write-ahead log into the database file, or refuse if someone still uses it.

    After this the file alone is the database, so it can be replaced by a rename. A log
    that outlives our connection means another process (a running server) has it open.
    """
    if not path.exists():
        return
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        raise CxmapError(
            f"{path} is in use by another process (is `cxmap serve` running?); stop it first"
        )


@contextmanager
def consistent_reader(url: str) -> Iterator[Connection]:
    """A read-only transaction whose reads all see the database as of its first read."""
    engine = create_store_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
            yield connection
            connection.rollback()
    finally:
        engine.dispose()


def referenced_blobs(connection: Connection) -> set[str]:
    """Every blob hash the attachment rows name (files and thumbnails)."""
    found: set[str] = set()
    if AttachmentRow.__tablename__ not in inspect(connection).get_table_names():
        return found  # a schema from before attachments
    for column in (AttachmentRow.sha256, AttachmentRow.thumbnail_sha256):
        found.update(value for value in connection.scalars(select(column)) if value)
    return found


def table_counts(connection: Connection) -> dict[str, int]:
    """Rows in each of cxmap's tables, whatever revision the schema is at."""
    names = sorted(set(inspect(connection).get_table_names()) - {"alembic_version"})
    return {
        name: int(connection.scalar(select(func.count()).select_from(table_named(name))) or 0)
        for name in names
    }


def revision_of(connection: Connection) -> str | None:
    """The Alembic revision the database is at, read inside the caller's transaction."""
    return MigrationContext.configure(connection).get_current_revision()


def dump_tables(connection: Connection, out: IO[bytes]) -> dict[str, int]:
    """Every row of every table as JSON lines, parents before children; rows per table."""
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = 0
        ordered = select(table).order_by(*table.primary_key.columns)
        for row in connection.execute(ordered).mappings():
            line = {"table": table.name, "row": {key: _plain(value) for key, value in row.items()}}
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
            counts[table.name] += 1
    return counts


def replace_tables(
    connection: Connection, lines: Iterable[bytes], expected: dict[str, int]
) -> None:
    """Empty every table and load the dump's rows, in the caller's transaction.

    The dump must hold exactly the tables this cxmap has, with the row counts the manifest
    promised; anything else is refused (and the caller's rollback keeps the old rows).
    """
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    if set(expected) != set(tables):
        differ = sorted(set(expected) ^ set(tables))
        raise _bad_dump(f"its tables differ from this cxmap's ({', '.join(differ)})")
    for table in reversed(Base.metadata.sorted_tables):
        connection.execute(table.delete())
    counts = dict.fromkeys(tables, 0)
    batch: list[dict[str, Any]] = []
    current: Table | None = None
    for number, line in enumerate(lines, start=1):
        name, row = _parse_line(line, number, tables)
        if current is not None and (current.name != name or len(batch) >= BATCH):
            connection.execute(current.insert(), batch)
            batch = []
        current = tables[name]
        batch.append(_typed(current, row, number))
        counts[name] += 1
    if current is not None and batch:
        connection.execute(current.insert(), batch)
    if counts != expected:
        raise _bad_dump(count_mismatch(counts, expected))


def dump_counts(lines: Iterable[bytes]) -> dict[str, int]:
    """Rows per table in a dump, each line checked to be a row of a known table."""
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    counts = dict.fromkeys(tables, 0)
    for number, line in enumerate(lines, start=1):
        name, _row = _parse_line(line, number, tables)
        counts[name] += 1
    return counts


def count_mismatch(found: dict[str, int], expected: dict[str, int]) -> str:
    """`users: 3 rows in the manifest, 2 in the data` for every table that differs."""
    differ = [
        f"{name}: {expected.get(name, 0)} rows in the manifest, {found.get(name, 0)} in the data"
        for name in sorted(set(found) | set(expected))
        if found.get(name, 0) != expected.get(name, 0)
    ]
    return "; ".join(differ)


def _parse_line(line: bytes, number: int, tables: dict[str, Table]) -> tuple[str, dict[str, Any]]:
    try:
        entry = json.loads(line)
        name, row = entry["table"], entry["row"]
    except (ValueError, KeyError, TypeError):
        raise _bad_dump(f"line {number} is not a table row") from None
    if name not in tables or not isinstance(row, dict):
        raise _bad_dump(f"line {number} names an unknown table '{name}'")
    return name, row


def _plain(value: Any) -> Any:
    """A column value as JSON can hold it (ids and times as text)."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _typed(table: Table, row: dict[str, Any], number: int) -> dict[str, Any]:
    """A dumped row's values back as the column types expect them."""
    if set(row) != set(table.columns.keys()):
        raise _bad_dump(f"line {number}: the columns of '{table.name}' differ from this cxmap's")
    typed = dict(row)
    try:
        for column in table.columns:
            value = row[column.name]
            if value is not None and isinstance(column.type, Uuid):
                typed[column.name] = UUID(value)
            elif value is not None and isinstance(column.type, UtcDateTime):
                typed[column.name] = datetime.fromisoformat(value)
    except (ValueError, TypeError, AttributeError):
        raise _bad_dump(f"line {number}: a value of '{table.name}' has the wrong type") from None
    return typed


def _bad_dump(message: str) -> InvalidInputError:
    return InvalidInputError([Problem(("database.jsonl",), message)])
