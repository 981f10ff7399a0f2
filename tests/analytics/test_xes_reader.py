"""The XES reader against the known answers in xes_expected_summary.json, file by file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cxmap.analytics.xes_reader import XesLog, read_xes
from cxmap.model.errors import InvalidInputError
from cxmap.model.mining import ColumnMapping
from cxmap.services.mining import MineRequest, mine_log
from tests.conftest import SHARED_DATA

SUMMARY = SHARED_DATA / "event_logs" / "xes" / "xes_expected_summary.json"
WELL_FORMED = sorted(
    name
    for name, facts in json.loads(SUMMARY.read_text()).items()
    if not name.startswith("_") and facts["well_formed"]
)


@pytest.fixture(scope="module")
def summary(event_logs: Path) -> dict[str, Any]:
    facts: dict[str, Any] = json.loads(
        (event_logs / "xes" / "xes_expected_summary.json").read_text()
    )
    return facts


def facts_of(log: XesLog) -> dict[str, Any]:
    """The same facts the summary states, read off our parse (its counting rules)."""
    key = log.activity_key
    events = [event for trace in log.traces for event in trace.events]
    variants: dict[tuple[str | None, ...], int] = {}
    for trace in log.traces:
        path = tuple(e.attributes[key].text if key in e.attributes else None for e in trace.events)
        variants[path] = variants.get(path, 0) + 1
    return {
        "root_namespace": log.namespace,
        "xes_version": log.version,
        "extensions": [[x.name, x.prefix] for x in log.extensions],
        "activity_key": key,
        "classifiers": [
            {"name": c.name, "keys": c.keys, **({"scope": c.scope} if c.scope else {})}
            for c in log.classifiers
        ],
        "log_attribute_keys": sorted(log.attributes),
        "n_traces": len(log.traces),
        "n_events_in_traces": len(events),
        "n_events_at_log_level": len(log.stray_events),
        "n_empty_traces": sum(not trace.events for trace in log.traces),
        "n_events_without_time_timestamp": sum(
            "time:timestamp" not in e.attributes for e in events
        ),
        "n_events_without_activity": sum(key not in e.attributes for e in events),
        "trace_ids": [t.attributes[key].text if key in t.attributes else None for t in log.traces],
        "activities": sorted({e.attributes[key].text for e in events if key in e.attributes}),
        "events_per_trace": [len(trace.events) for trace in log.traces],
        "variants_document_order": [[list(p), n] for p, n in variants.items()],
    }


@pytest.mark.parametrize("name", WELL_FORMED)
def test_known_answers(event_logs: Path, summary: dict[str, Any], name: str) -> None:
    expected = summary[name]
    found = facts_of(read_xes(event_logs / "xes" / name))
    for key, value in found.items():
        wanted = expected[key]
        if key == "variants_document_order":  # the same pairs, in any order
            wanted, value = sorted(wanted, key=json.dumps), sorted(value, key=json.dumps)
        assert value == wanted, key
    globals_found = read_xes(event_logs / "xes" / name).globals
    assert {scope: sorted(a.key for a in attrs) for scope, attrs in globals_found.items()} == {
        scope: sorted(keys) for scope, keys in expected["globals"].items()
    }


def test_a_truncated_file_fails_at_the_line_and_column_of_the_break(event_logs: Path) -> None:
    path = event_logs / "xes" / "malformed_truncated.xes"
    with pytest.raises(InvalidInputError) as caught:
        read_xes(path)
    assert caught.value.lines() == [f"{path}:26:4: (document): XML not well-formed: unclosed token"]


def test_typed_and_nested_attributes(event_logs: Path) -> None:
    log = read_xes(event_logs / "xes" / "rustxes_xes2_container_nested.xes")
    trace = log.traces[0]
    location = trace.attributes["location"]
    assert location.kind == "container"
    assert [(a.key, a.value) for a in location.children][:2] == [
        ("street", "Den Dolech"),
        ("number", 2),
    ]
    revisions = location.children[4].children[0]
    assert revisions.kind == "list"
    assert [a.value for a in revisions.children if a.key == "revision"][:2] == ["2.0", "1.4"]
    attempt = trace.events[0].attributes["attempt"]
    assert (attempt.value, attempt.children[0].value) == (23, False)
    assert log.attributes["log attribute"].value == pytest.approx(2335.23)


def test_lifecycle_transition_stays_an_attribute(event_logs: Path, summary: dict[str, Any]) -> None:
    path = event_logs / "xes" / "lifecycle_transitions.xes"
    second = read_xes(path).traces[0].events[1].attributes
    assert (second["concept:name"].text, second["lifecycle:transition"].text) == (
        "triage",
        "schedule",
    )
    result = mine_log(MineRequest(log=path))
    activities = {a for v in result.variants for a in v.activities}
    assert activities == set(summary["lifecycle_transitions.xes"]["activities"])
    # The transition can still be mined as the activity when asked for.
    by_transition = mine_log(
        MineRequest(log=path, mapping=ColumnMapping(activity="lifecycle:transition"))
    )
    assert by_transition.start_activities == {"complete": 3}
    assert by_transition.end_activities == {"complete": 2, "pi_abort": 1}


def test_gzipped_and_plain_files_mine_the_same(event_logs: Path, summary: dict[str, Any]) -> None:
    plain = mine_log(MineRequest(log=event_logs / "xes" / "cx_omnichannel_journeys.xes"))
    packed = mine_log(MineRequest(log=event_logs / "xes" / "cx_omnichannel_journeys.xes.gz"))
    assert plain == packed
    expected = summary["cx_omnichannel_journeys.xes"]
    assert plain.start_activities == expected["start_activities"]
    assert plain.end_activities == expected["end_activities"]
    assert [[e.source, e.target, e.count] for e in plain.dfg] == expected["dfg_document_order"]


def test_the_declared_concept_prefix_names_the_activity(event_logs: Path, desired: Path) -> None:
    path = event_logs / "xes" / "globals_classifiers_prefixes.xes"
    result = mine_log(MineRequest(log=path, journey=desired, by="channel"))
    assert [(v.activities, v.count) for v in result.variants] == [
        (["visit_site", "checkout"], 1),
        (["visit_site", "contact_support"], 1),
    ]
    # --by channel finds cx:channel; G-2's first event leaves it to the global default.
    assert result.funnel is not None
    assert result.funnel.by == "cx:channel"
    assert [(g.value, g.cases) for g in result.funnel.groups] == [("app", 1), ("web", 1)]


def test_text_survives_entities_bom_and_scripts(event_logs: Path, summary: dict[str, Any]) -> None:
    path = event_logs / "xes" / "entities_unicode_bom.xes"
    result = mine_log(MineRequest(log=path))
    expected = summary["entities_unicode_bom.xes"]["variants_document_order"]
    assert sorted([v.activities, v.count] for v in result.variants) == sorted(expected)
