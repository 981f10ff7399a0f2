"""Connecting to the store's database and running one transaction at a time on it.

SQLite (the embedded default) and PostgreSQL are both used through one engine factory that
evens out their differences: foreign keys switched on, write-ahead logging, and writes that
take SQLite's write lock when they *begin* (`BEGIN IMMEDIATE`). Without that, two writers
that both read first would find out only at their first write that they cannot proceed,
and SQLite answers that with an immediate "database is locked" instead of waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session

from cxmap.model.errors import InvalidInputError, Problem

#: Execution option marking a session that will write (SQLite then begins IMMEDIATE).
WRITE_OPTION = "cxmap_write"
SQLITE_BUSY_TIMEOUT_S = 30.0

# `postgresql://` alone would mean psycopg2, which cxmap does not install; psycopg 3 it is.
_DRIVER_FOR = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def parse_database_url(url: str) -> URL:
    """The URL with cxmap's driver choices, or an `InvalidInputError` saying what is wrong."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise _bad_url(url, "is not a database URL (sqlite:///FILE or postgresql://...)") from None
    parsed = parsed.set(drivername=_DRIVER_FOR.get(parsed.drivername, parsed.drivername))
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise _bad_url(url, f"'{backend}' is not supported; use sqlite or postgresql")
    if backend == "sqlite" and parsed.database in {None, "", ":memory:"}:
        raise _bad_url(url, "needs a file: an in-memory SQLite database vanishes between sessions")
    return parsed


def _bad_url(url: str, message: str) -> InvalidInputError:
    shown = make_url(url).render_as_string() if "://" in url else url
    return InvalidInputError([Problem(("database_url",), f"'{shown}' {message}")])


def create_store_engine(url: str, *, pool_size: int = 10, max_overflow: int = 30) -> Engine:
    """An engine for `url`; a SQLite file's folder is created when missing."""
    parsed = parse_database_url(url)
    options: dict[str, Any] = {"pool_size": pool_size, "max_overflow": max_overflow}
    if parsed.get_backend_name() == "sqlite":
        Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **options)
    except NoSuchModuleError:
        raise _bad_url(url, f"names a driver that is not installed ({parsed.drivername})") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connected)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connected(dbapi_connection: Any, _record: Any) -> None:
    """Let SQLAlchemy, not the sqlite3 module, decide when transactions begin."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class Database:
    """One database and the transactions the repositories run in.

    Repositories (`Journeys`, `Workspaces`, ...) take the `Session` these yield, so a use
    case can combine several of them in one transaction: all of it lands, or none.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Database:
        return cls(create_store_engine(url))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction (a consistent snapshot on SQLite)."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session  # closing the session rolls the transaction back

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that commits when the block ends and rolls back if it raises."""
        options: dict[str, Any] = {WRITE_OPTION: True}
        session = Session(self.engine, expire_on_commit=False, execution_options=options)
        with session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
