"""Whole runs on logs small enough to check every figure by hand."""

from __future__ import annotations

import json
from pathlib import Path

from cxmap.model.mining import MiningResult
from cxmap.services.mining import MineRequest, mine_log

# c1: a 09:00Z (written as 10:00+01:00), b 09:01, c 09:03     -> a>b 60 s, b>c 120 s
# c2: a 12:00, b 12:00 (same instant: input order), c 12:00:30 -> a>b 0 s,  b>c 30 s
# c3: b 08:00 written before a 07:59                           -> a>b 60 s
TINY = """case_id,activity,timestamp,channel
c1,a,2024-03-01T10:00:00+01:00,web
c1,b,2024-03-01T09:01:00Z,web
c2,a,2024-03-01T12:00:00Z,app
c1,c,2024-03-01T09:03:00Z,app
c2,b,2024-03-01T12:00:00Z,app
c2,c,2024-03-01T12:00:30Z,app
c3,b,2024-03-01T08:00:00Z,web
c3,a,2024-03-01T07:59:00Z,web
"""

JOURNEY = """id: abc
title: A to C
stages:
  - id: s
    name: S
    steps:
      - {id: a, name: Arrive, next: [b]}
      - {id: b, name: Browse, next: [c]}
      - {id: c, name: Check out, final: true}
"""


def mined(tmp_path: Path, text: str, **options: object) -> MiningResult:
    log = tmp_path / "log.csv"
    log.write_text(text, encoding="utf-8")
    journey = tmp_path / "journey.yaml"
    journey.write_text(JOURNEY, encoding="utf-8")
    request = MineRequest(log=log, journey=journey, **options)  # type: ignore[arg-type]
    return mine_log(request)


def test_core_figures(tmp_path: Path) -> None:
    result = mined(tmp_path, TINY)
    assert (result.cases, result.events) == (3, 8)
    assert result.start_activities == {"a": 3}
    assert result.end_activities == {"b": 1, "c": 2}
    edges = [(e.source, e.target, e.count, e.mean_seconds, e.median_seconds) for e in result.dfg]
    assert edges == [("a", "b", 3, 40.0, 60.0), ("b", "c", 2, 75.0, 75.0)]
    variants = [(v.activities, v.count) for v in result.variants]
    assert variants == [(["a", "b", "c"], 2), (["a", "b"], 1)]


def test_funnel_and_conformance(tmp_path: Path) -> None:
    result = mined(tmp_path, TINY)
    assert result.funnel is not None
    assert result.conformance is not None
    steps = [
        (s.step, s.cases, s.drop_off, s.mean_seconds, s.median_seconds) for s in result.funnel.steps
    ]
    assert steps == [
        ("a", 3, 0, 40.0, 60.0),
        ("b", 3, 1, 75.0, 75.0),
        ("c", 2, 0, None, None),
    ]
    assert (result.conformance.conforming, result.conformance.cases) == (2, 3)
    (early,) = result.conformance.deviations
    assert (early.kind, early.step, early.examples) == ("early_exit", "b", ["c3"])


def test_funnel_by_the_channel_of_each_case_first_event(tmp_path: Path) -> None:
    result = mined(tmp_path, TINY, by="channel")
    assert result.funnel is not None
    groups = {g.value: [(s.step, s.cases) for s in g.steps] for g in result.funnel.groups}
    assert groups == {
        "app": [("a", 1), ("b", 1), ("c", 1)],
        "web": [("a", 2), ("b", 2), ("c", 1)],
    }
    web_a = result.funnel.groups[1].steps[0]
    assert (web_a.mean_seconds, web_a.median_seconds) == (60.0, 60.0)


def test_times_are_compared_as_instants_across_a_daylight_saving_change(tmp_path: Path) -> None:
    # Written order c, a, b; by instant a (00:59:59.999Z), b (01:00:00Z), c (01:30Z).
    log = (
        "case_id,activity,timestamp\n"
        "x,c,2024-03-31T03:30:00.000+02:00\n"
        "x,a,2024-03-31T01:59:59.999+01:00\n"
        "x,b,2024-03-31T03:00:00.000+02:00\n"
    )
    result = mined(tmp_path, log)
    assert [(v.activities, v.count) for v in result.variants] == [(["a", "b", "c"], 1)]
    assert [(e.source, e.target, e.mean_seconds) for e in result.dfg] == [
        ("a", "b", 0.001),
        ("b", "c", 1800.0),
    ]


def test_warnings_name_the_line_of_single_event_cases_and_unknown_activities(
    tmp_path: Path,
) -> None:
    log = TINY + "c4,zz,2024-03-02T00:00:00Z,web\n"
    result = mined(tmp_path, log)
    source = str(tmp_path / "log.csv")
    assert result.warnings == [
        f"{source}:10: case_id: 1 case has only one event, so no transition (the first is here)",
        f"{source}:10: activity: activity 'zz' (1 events, the first here) matches no step of "
        "the journey; name a step after it or map it in activity_map",
    ]


def test_json_has_the_documented_core_first(tmp_path: Path) -> None:
    data = json.loads(mined(tmp_path, TINY).to_json())
    assert list(data)[:6] == [
        "cases",
        "events",
        "start_activities",
        "end_activities",
        "dfg",
        "variants",
    ]
    assert data["dfg"][0] == {
        "source": "a",
        "target": "b",
        "count": 3,
        "mean_seconds": 40.0,
        "median_seconds": 60.0,
    }
    assert data["variants"][1] == {"activities": ["a", "b"], "count": 1}
    assert set(data) == {
        "cases",
        "events",
        "start_activities",
        "end_activities",
        "dfg",
        "variants",
        "funnel",
        "conformance",
    }


def test_variants_sort_by_count_then_path_and_need_no_journey(tmp_path: Path) -> None:
    log = "case_id,activity,timestamp\n" + "".join(
        f"{case},{activity},2024-01-01T00:0{i}:00Z\n"
        for case, path in [("p", "b a"), ("q", "a b"), ("r", "a c"), ("s", "a c")]
        for i, activity in enumerate(path.split())
    )
    path = tmp_path / "log.csv"
    path.write_text(log)
    result = mine_log(MineRequest(log=path))
    assert [(v.activities, v.count) for v in result.variants] == [
        (["a", "c"], 2),
        (["a", "b"], 1),
        (["b", "a"], 1),
    ]
    assert result.funnel is None
    assert result.conformance is None
