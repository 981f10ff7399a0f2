"""Bad logs give one clear line per problem, naming the file, row or line, and column."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cxmap.analytics.timestamps import TimestampError, parse_instant, text_to_micros
from cxmap.model.errors import CxmapError, InvalidInputError, NotFoundError
from cxmap.model.mining import ColumnMapping
from cxmap.services.mining import MineRequest, mine_log


def problems(path: Path, **options: object) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        mine_log(MineRequest(log=path, **options))  # type: ignore[arg-type]
    return caught.value.lines()


def csv_log(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_columns_are_named_with_what_the_log_has(tmp_path: Path) -> None:
    path = csv_log(tmp_path, "case,event,time\nc1,a,2024-01-01T00:00:00Z\n")
    assert problems(path) == [
        f"{path}:1: case_id: no case column 'case_id' (the log has: case, event, time); "
        "name it with --case",
        f"{path}:1: activity: no activity column 'activity' (the log has: case, event, time); "
        "name it with --activity",
        f"{path}:1: timestamp: no timestamp column 'timestamp' (the log has: case, event, time); "
        "name it with --timestamp",
    ]
    mapping = ColumnMapping(case="case", activity="event", timestamp="time")
    assert mine_log(MineRequest(log=path, mapping=mapping)).events == 1


def test_an_unreadable_time_names_its_line(tmp_path: Path) -> None:
    path = csv_log(
        tmp_path,
        "case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\nc1,b,2024-02-30T10:00:00Z\n",
    )
    assert problems(path) == [
        f"{path}:3: timestamp: '2024-02-30T10:00:00Z' is not a valid date: "
        "day is out of range for month"
    ]


def test_mixed_time_zones_name_the_first_line_that_differs(tmp_path: Path) -> None:
    path = csv_log(
        tmp_path,
        "case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\n"
        "c1,b,2024-01-01T00:05:00+01:00\nc1,c,2024-01-01 00:10:00\n",
    )
    assert problems(path) == [
        f"{path}:4: timestamp: mixed time zones: this time has no offset but the log's first "
        "time has one, so they cannot be ordered; give every time an offset (e.g. Z for UTC)"
    ]


def test_times_without_any_offset_are_read_as_utc(tmp_path: Path) -> None:
    path = csv_log(
        tmp_path, "case_id,activity,timestamp\nc1,a,2024-01-01 00:00:00\nc1,b,2024-01-01 00:01:30\n"
    )
    assert mine_log(MineRequest(log=path)).dfg[0].mean_seconds == 90.0


def test_missing_case_ids_and_activities_name_the_first_line_and_count(tmp_path: Path) -> None:
    path = csv_log(
        tmp_path,
        "case_id,activity,timestamp\nc1,a,2024-01-01T00:00:00Z\n,b,2024-01-01T00:00:00Z\n"
        "c1, ,2024-01-01T00:00:00Z\nc1,,2024-01-01T00:00:00Z\n",
    )
    assert problems(path) == [
        f"{path}:3: case_id: missing case id",
        f"{path}:4: activity: missing activity (2 rows in all)",
    ]


def test_an_empty_log_is_an_error_not_an_empty_result(tmp_path: Path, event_logs: Path) -> None:
    path = csv_log(tmp_path, "case_id,activity,timestamp\n")
    assert problems(path) == [f"{path}: (document): empty log: no events to mine"]
    blank = csv_log(tmp_path, "", "blank.csv")
    assert problems(blank) == [f"{blank}:1: (document): empty log: no header and no events"]
    xes = event_logs / "xes" / "empty_log.xes"
    assert problems(xes) == [f"{xes}: (document): empty log: no events to mine"]


def test_parquet_rows_are_named_by_index(tmp_path: Path) -> None:
    path = tmp_path / "log.parquet"
    table = pa.table(
        {
            "case_id": ["c1", "c1", "c2"],
            "activity": ["a", "b", None],
            "timestamp": pa.array([0, 60, 120], pa.timestamp("s", tz="UTC")),
        }
    )
    pq.write_table(table, path)
    assert problems(path) == [f"{path}: rows[2].activity: missing activity"]
    pq.write_table(table.set_column(1, "activity", pa.array(["a", "b", "a"])), path)
    assert mine_log(MineRequest(log=path)).dfg[0].mean_seconds == 60.0


def test_xes_problems_name_the_line_and_the_trace_and_event(event_logs: Path) -> None:
    path = event_logs / "xes" / "missing_timestamps.xes"
    assert problems(path) == [
        f"{path}:29: trace[1].event[1].time:timestamp: event has no time ('time:timestamp')",
        f"{path}:36: trace[1].event[3].time:timestamp: event has no time ('time:timestamp')",
        f"{path}:42: trace[2].event[0].time:timestamp: event has no time ('time:timestamp')",
        f"{path}:45: trace[2].event[1].time:timestamp: event has no time ('time:timestamp')",
        f"{path}:52: trace[4].concept:name: trace has no case id ('concept:name')",
        f"{path}:60: trace[5].event[0].concept:name: event has no activity ('concept:name')",
    ]


def test_xes_times_mixed_or_invalid(event_logs: Path) -> None:
    path = event_logs / "xes" / "timestamp_formats.xes"
    found = problems(path)
    where = f"{path}:61: trace[9].event[0].time:timestamp"
    assert f"{where}: 'not-a-date' is not a date and time (e.g. 2024-03-01T09:15:00Z)" in found
    where = f"{path}:63: trace[9].event[2].time:timestamp"
    assert f"{where}: event has no time ('time:timestamp')" in found
    assert found[0].startswith(f"{path}:33: trace[4].event[0].time:timestamp: mixed time zones")
    assert len(found) == 9


def test_xes_warnings_for_empty_traces_shared_case_ids_and_stray_events(tmp_path: Path) -> None:
    path = tmp_path / "log.xes"
    path.write_text(
        """<log>
<trace><string key="concept:name" value="k"/>
<event><string key="concept:name" value="a"/>
<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
</trace>
<trace><string key="concept:name" value="empty"/></trace>
<trace><string key="concept:name" value="k"/>
<event><string key="concept:name" value="b"/>
<date key="time:timestamp" value="2024-01-01T00:01:00Z"/></event>
</trace>
<event><string key="concept:name" value="z"/></event>
</log>
""",
        encoding="utf-8",
    )
    result = mine_log(MineRequest(log=path))
    assert [(v.activities, v.count) for v in result.variants] == [(["a", "b"], 1)]
    assert result.warnings == [
        f"{path}:6: trace[1]: trace has no events",
        f"{path}:7: trace[2].concept:name: case id 'k' also names the trace at line 2; "
        "their events are mined as one case",
        f"{path}:11: event: 1 event(s) outside any trace belong to no case and are left out",
    ]


def test_unknown_formats_and_missing_files(tmp_path: Path) -> None:
    odd = tmp_path / "log.txt"
    odd.write_text("x")
    assert problems(odd) == [
        f"{odd}: (document): unknown log format; "
        "use one of .csv, .tsv, .parquet, .pq, .xes, .xes.gz"
    ]
    with pytest.raises(NotFoundError, match="no such file"):
        mine_log(MineRequest(log=tmp_path / "nowhere.csv"))


def test_a_backend_that_cannot_be_reached_is_one_clear_error(tmp_path: Path) -> None:
    path = csv_log(tmp_path, "case_id,activity,timestamp\nc,a,2024-01-01T00:00:00Z\n")
    with pytest.raises(CxmapError) as caught:
        mine_log(MineRequest(log=path, url="postgresql://nobody@127.0.0.1:9/none"))
    assert str(caught.value).startswith(
        "url: postgresql://nobody@127.0.0.1:9/none: cannot connect:"
    )
    with pytest.raises(InvalidInputError, match="unknown backend"):
        mine_log(MineRequest(log=path, url="mysql://x"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T09:15:00Z", 1709284500_000000),
        ("2024-03-01T10:15:00.123+01:00", 1709284500_123000),
        ("2024-03-01T09:15:00.123456+00:00", 1709284500_123456),
        ("2024-03-01T09:15:00.123456789Z", 1709284500_123456),
        ("2024-03-01T04:15:00-05:00", 1709284500_000000),
        ("2024-03-01T00:45:00-09:30", 1709284500_000000 + 3600_000000),
        ("2024-03-01T10:15:00+0100", 1709284500_000000),
        ("2019/11/03 01:11:19.000", 1572743479_000000),
        ("2024-03-01", 1709251200_000000),
    ],
)
def test_time_spellings(text: str, expected: int) -> None:
    assert parse_instant(text).micros == expected
    column = text_to_micros(pa.array([text]))
    assert isinstance(column, pa.Array)
    assert column.to_pylist() == [expected]


@pytest.mark.parametrize("text", ["not-a-date", "2024-02-30T10:00:00Z", "", "2024-13-01"])
def test_not_times(text: str) -> None:
    with pytest.raises(TimestampError):
        parse_instant(text)
