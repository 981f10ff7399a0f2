"""Mine the actual journey from an event log: the use case behind `cxmap mine` and the API.

Composes the analytics engine: read a file (CSV, Parquet, XES) or reach a database table,
put the events on the chosen backend, run the one analysis, and word what it noticed
(cases with a single event, activities the journey lacks) as located warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ibis.backends import BaseBackend

from cxmap.analytics import backends
from cxmap.analytics.event_log import EventLog
from cxmap.analytics.mining import MiningRun, mine
from cxmap.analytics.tabular_reader import CSV_SUFFIXES, PARQUET_SUFFIXES, read_csv, read_parquet
from cxmap.analytics.xes_events import read_xes_events
from cxmap.model.desired_journey import DesiredJourney, desired_journey
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.journey import Journey
from cxmap.model.mining import ColumnMapping, MiningResult
from cxmap.services.journey_files import load_journey, write_atomically

XES_SUFFIXES = (".xes", ".xes.gz")
Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    """No progress display."""


@dataclass(frozen=True)
class MineRequest:
    """What to mine: a log file, or a table on a backend (`url` + `table`)."""

    log: Path | None = None
    journey: Path | None = None
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    by: str | None = None
    url: str | None = None
    table: str | None = None


def read_event_log(path: Path, mapping: ColumnMapping, by: str | None = None) -> EventLog:
    """A log file by its suffix: .csv/.tsv, .parquet/.pq, .xes or .xes.gz."""
    name = path.name.lower()
    if name.endswith(CSV_SUFFIXES):
        return read_csv(path, mapping, by)
    if name.endswith(PARQUET_SUFFIXES):
        return read_parquet(path, mapping, by)
    if name.endswith(XES_SUFFIXES):
        return read_xes_events(path, mapping, by)
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    supported = ", ".join((*CSV_SUFFIXES, *PARQUET_SUFFIXES, ".xes", ".xes.gz"))
    raise InvalidInputError([Problem((), f"unknown log format; use one of {supported}")], str(path))


def mine_log(request: MineRequest, progress: Progress = _quiet) -> MiningResult:
    """All results for the request, warnings included; nothing is written."""
    journey = desired_journey(load_journey(request.journey)) if request.journey else None
    if request.table is None and request.log is None:
        raise InvalidInputError([Problem(("log",), "give a log file, or --url and --table")])
    log = None
    if request.table is None:
        assert request.log is not None
        log = _read_log(request.log, request.mapping, request.by, progress)
    backend = backends.connect(request.url)
    try:
        if log is None:
            return _mine_table(backend, request, journey, progress)
        return _mine_file(backend, log, journey, progress)
    finally:
        backends.close(backend)


def mine_uploaded_log(
    path: Path,
    journey: Journey,
    mapping: ColumnMapping,
    by: str | None = None,
    *,
    name: str,
    progress: Progress = _quiet,
) -> MiningResult:
    """A log that was uploaded as `name`, mined against `journey` on the default backend.

    Problems and warnings name the file as its uploader knows it (`name:12: timestamp:
    ...`), never where the server keeps it. Nothing is written.
    """
    desired = desired_journey(journey)
    log = _read_log(path, mapping, by, progress, name=name)
    backend = backends.connect(None)
    try:
        return _mine_file(backend, log, desired, progress)
    finally:
        backends.close(backend)


def _read_log(
    path: Path,
    mapping: ColumnMapping,
    by: str | None,
    progress: Progress,
    *,
    name: str | None = None,
) -> EventLog:
    """The events of a log file, not empty; `name` stands for its path in every message."""
    progress(f"reading {name or path.name}")
    try:
        log = read_event_log(path, mapping, by)
    except InvalidInputError as error:
        if name is None:
            raise
        raise InvalidInputError(error.problems, name) from None
    if name is not None:
        log = replace(log, source=name)
    if log.encoded.table.num_rows == 0:
        raise InvalidInputError([Problem((), "empty log: no events to mine")], log.source)
    return log


def _mine_table(
    backend: BaseBackend,
    request: MineRequest,
    journey: DesiredJourney | None,
    progress: Progress,
) -> MiningResult:
    assert request.table is not None
    progress(f"reading table {request.table}")
    found = backends.table_events(backend, request.table, request.mapping, request.by)
    run = mine(found.events, found.activities, journey, found.group_column, progress)
    _require_events(run, request.table)
    return run.result.model_copy(update={"warnings": _table_warnings(run, request.table)})


def _mine_file(
    backend: BaseBackend, log: EventLog, journey: DesiredJourney | None, progress: Progress
) -> MiningResult:
    encoded = log.encoded
    progress("loading events")
    events = backends.upload(backend, encoded.table)
    names = encoded.case_names

    def case_label(code: int) -> str:
        return str(names[code].as_py())

    run = mine(events, encoded.activities, journey, log.group_column, progress, case_label)
    warnings = [p.describe(log.source) for p in [*log.warnings, *_run_warnings(run, log)]]
    return run.result.model_copy(update={"warnings": warnings})


def _require_events(run: MiningRun, source: str) -> None:
    if run.summary.events == 0:
        raise InvalidInputError([Problem((), "empty log: no events to mine")], source)


def _run_warnings(run: MiningRun, log: EventLog) -> list[Problem]:
    found = []
    single, first = run.summary.single_event_cases, run.summary.first_single_event
    if single and first is not None:
        message = f"{_cases(single)} only one event, so no transition (the first is here)"
        found.append(log.locate(first[0], log.case_column, message))
    for activity, unmapped in sorted(run.unmapped.items()):
        message = (
            f"activity '{activity}' ({unmapped.events} events, the first here) matches no "
            "step of the journey; name a step after it or map it in activity_map"
        )
        found.append(log.locate(unmapped.first_row, log.activity_column, message))
    return found


def _table_warnings(run: MiningRun, table: str) -> list[str]:
    found = []
    if run.summary.single_event_cases:
        found.append(f"{table}: {_cases(run.summary.single_event_cases)} only one event")
    for activity, unmapped in sorted(run.unmapped.items()):
        found.append(
            f"{table}: activity '{activity}' ({unmapped.events} events) matches no step "
            "of the journey"
        )
    return found


def _cases(count: int) -> str:
    return "1 case has" if count == 1 else f"{count} cases have"


def write_result(result: MiningResult, path: Path) -> None:
    """The result's JSON, written atomically (never a half-written file)."""
    write_atomically(path, result.to_json().encode("utf-8"))
