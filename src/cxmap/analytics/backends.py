"""Where the analysis runs, chosen by a connection URL; the only backend-specific code.

`duckdb://` (the default: embedded, in memory, or `duckdb:///path/to.db`),
`postgresql://user@host:port/db`, and `pyspark://local[2]` (a local Spark session) or
`spark://host:7077` (a cluster). The engine itself is one Ibis code path; this module only
connects, puts a file's events on the backend, and turns a table that already lives there
into the engine's standard columns.
"""

from __future__ import annotations

import gc
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from cxmap.analytics.event_log import (
    ACTIVITY,
    CASE,
    GROUP,
    NO_GROUP,
    ROW,
    TS,
    resolve_group_column,
)
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.mining import DEFAULT_ACTIVITY, DEFAULT_CASE, DEFAULT_TIMESTAMP, ColumnMapping

DEFAULT_URL = "duckdb://"
EPOCH = ibis.timestamp("1970-01-01 00:00:00")


def _url_problem(url: str, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(("url",), f"{url}: {message}")])


def connect(url: str | None = None) -> BaseBackend:
    """A backend for the URL; a refused connection is an input error, not a traceback."""
    url = url or DEFAULT_URL
    scheme = url.partition("://")[0].lower()
    try:
        if scheme == "duckdb":
            path = url.partition("://")[2] or ":memory:"
            # Every query orders explicitly, so DuckDB need not keep insertion order (faster).
            return ibis.duckdb.connect(path, preserve_insertion_order=False)
        if scheme in ("postgres", "postgresql"):
            return ibis.connect(url)
        if scheme in ("pyspark", "spark"):
            return _spark(url)
    except Exception as error:  # drivers raise their own types; the message is what counts
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise _url_problem(url, f"cannot connect: {first}") from None
    raise _url_problem(url, "unknown backend; use duckdb://, postgresql:// or pyspark://local[2]")


def _spark(url: str) -> BaseBackend:
    from pyspark.sql import SparkSession

    rest = url.partition("://")[2]
    local = url.lower().startswith("pyspark://")
    master = (rest or "local[*]") if local else url
    builder: Any = SparkSession.builder
    builder = builder.master(master).appName("cxmap").config("spark.sql.session.timeZone", "UTC")
    if local:
        builder = builder.config("spark.ui.enabled", "false").config(
            "spark.sql.shuffle.partitions", "4"
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)


def upload(backend: BaseBackend, events: pa.Table) -> ir.Table:
    """A file's events as a temporary table (a temporary view on Spark).

    DuckDB runs in this process, so it is shown the Arrow table where it lies instead of
    copying it: the engine reads these events once, to put them in order.
    """
    name = f"cxmap_events_{uuid.uuid4().hex[:12]}"
    if backend.name == "duckdb":
        backend.con.register(name, events)
        return backend.table(name)
    if backend.name == "pyspark":
        return backend.create_view(name, ibis.memtable(events), overwrite=True)
    return backend.create_table(name, events, temp=True)


@dataclass(frozen=True)
class TableEvents:
    """A table's events in the engine's columns, the activity names of their codes, and
    the column the funnel is split by."""

    events: ir.Table
    activities: list[str]
    group_column: str | None


def fetch_rows(expr: ir.Table) -> list[dict[str, Any]]:
    """Execute on the expression's own backend; plain Python values, no pandas NaN.

    PySpark hands results over local sockets that it leaves to the garbage collector; they
    are collected here, quietly, instead of surfacing later as unclosed-socket warnings.
    """
    if expr._find_backend().name != "pyspark":
        found: list[dict[str, Any]] = expr.to_pyarrow().to_pylist()
        return found
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        found = expr.to_pyarrow().to_pylist()
        gc.collect()
    return found


def close(backend: BaseBackend) -> None:
    """Let go of a connection; a Spark session stays up for whoever else shares it."""
    if backend.name != "pyspark":
        backend.disconnect()


def table_events(
    backend: BaseBackend, table: str, mapping: ColumnMapping, group: str | None = None
) -> TableEvents:
    """A database table as the engine's standard columns, checked for gaps first, and the
    activity names its codes stand for.

    A table has no input order, so events with equal times are ordered by the mapping's
    `order` column when there is one, else by activity name.
    """
    try:
        source = backend.table(table)
    except Exception:
        raise NotFoundError(f"{table}: no such table on {backend.name}") from None
    names = {
        "case": mapping.case or DEFAULT_CASE,
        "activity": mapping.activity or DEFAULT_ACTIVITY,
        "timestamp": mapping.timestamp or DEFAULT_TIMESTAMP,
    }
    if mapping.order:
        names["order"] = mapping.order
    if group:
        names["by"] = resolve_group_column(group, source.columns) or group
    _check_columns(source, table, names)
    time = source[names["timestamp"]]
    if time.type().is_date():
        time = time.cast("timestamp")
    micros = time.delta(EPOCH, unit="microsecond").cast("int64")
    named = source.select(
        **{
            CASE: source[names["case"]].cast("string"),
            "name": source[names["activity"]].cast("string"),
            TS: micros,
            "tie": source[names.get("order", names["activity"])],
        },
        **({GROUP: source[names["by"]].cast("string").fill_null(NO_GROUP)} if group else {}),
    )
    activities = sorted(row["name"] for row in fetch_rows(named.select("name").distinct()))
    codes = ibis.memtable(
        pa.table({"name": pa.array(activities, pa.string()), ACTIVITY: range(len(activities))})
    ).cast({ACTIVITY: "int32"})
    coded = named.inner_join(codes, "name")
    ordered = coded.mutate(**{ROW: ibis.row_number().over(order_by=[coded[TS], coded["tie"]])})
    columns = ordered.select(CASE, ACTIVITY, TS, ROW, *([GROUP] if group else []))
    return TableEvents(columns, activities, names.get("by"))


def _check_columns(source: ir.Table, table: str, names: dict[str, str]) -> None:
    listed = ", ".join(source.columns)
    problems = [
        Problem((column,), f"no {role} column '{column}' in table {table} (it has: {listed})")
        for role, column in names.items()
        if column not in source.columns
    ]
    if not problems:
        time = source[names["timestamp"]].type()
        if not (time.is_timestamp() or time.is_date()):
            problems.append(Problem((names["timestamp"],), f"holds {time}, not dates and times"))
    if not problems:
        required = [names["case"], names["activity"], names["timestamp"]]
        counts = source.aggregate(**{c: source[c].isnull().sum() for c in required})
        found = fetch_rows(counts)[0]
        problems = [
            Problem((column,), f"{found[column]} rows have no value in table {table}")
            for column in required
            if found[column]
        ]
    if problems:
        raise InvalidInputError(problems, table)
