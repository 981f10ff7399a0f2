"""Key metrics through the service: defined on a journey's steps, measured from a stored
analysis or an evidence import (every import or analysis adds a dated point), entered by
hand, compared before/after and charted (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from cxmap.model.errors import AlreadyExistsError, InvalidInputError, PermissionDeniedError
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.priorities import JourneyVersion, KpiPointSource
from cxmap.model.priority_records import ChartFormat, parse_window
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.kpis import KeyMetrics, record_after_import
from cxmap.store import Database, Journeys
from cxmap.store.blobs import BlobStore
from tests.services.priority_fixtures import add_journey, analysis, viewer
from tests.store.conftest import (
    Clock,
    Team,
    backend,
    clock,
    database,
    make_journey,
    migrated_url,
    team,
)

__all__ = ["backend", "clock", "database", "migrated_url", "team", "viewer"]  # fixtures
JAN = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def metrics(database: Database, clock: Clock) -> KeyMetrics:
    return KeyMetrics(database, clock)


@pytest.fixture
def journey(database: Database, team: Team) -> UUID:
    return add_journey(database, team)


def define(metrics: KeyMetrics, team: Team, slug: str, kind: str, **fields: object) -> UUID:
    body = {"id": slug, "name": slug.replace("-", " "), "kind": kind, "journey": "checkout"}
    return metrics.define(team.editor, team.ws, {**body, **fields}).id


def test_a_stored_analysis_adds_a_point_to_each_metric_it_covers(
    metrics: KeyMetrics, team: Team, journey: UUID
) -> None:
    conversion = define(
        metrics, team, "search-to-pay", "conversion", from_step="search", to_step="pay", target=60
    )
    drop_off = define(metrics, team, "view-drop", "drop_off", step="view")
    nps = define(metrics, team, "pay-nps", "nps_at_step", step="pay")
    recorded = metrics.add_analysis(team.editor, team.ws, journey, analysis())
    assert recorded.without_data == ["pay-nps"]  # no evidence yet
    values = {p.kpi: (p.value, p.n, p.source, p.journey_version) for p in recorded.points}
    assert values == {
        "search-to-pay": (50.0, 200, KpiPointSource.ANALYSIS, 1),  # 100 of 200 reach pay
        "view-drop": (pytest.approx(100 * 50 / 150), 150, KpiPointSource.ANALYSIS, 1),
    }
    series = metrics.series(team.owner, team.ws, conversion)
    assert [p.value for p in series.points] == [50.0]
    assert series.latest_met is False  # 50 % under a 60 % target
    assert metrics.series(team.owner, team.ws, nps).points == []
    assert len(metrics.series(team.owner, team.ws, drop_off).points) == 1


def test_an_evidence_import_records_the_metrics_through_the_hook(
    database: Database, metrics: KeyMetrics, team: Team, journey: UUID, tmp_path: Path
) -> None:
    kpi = define(metrics, team, "pay-nps", "nps_at_step", step="pay", target=0)
    survey = tmp_path / "survey.csv"
    rows = ["R1,pay,10", "R2,pay,10", "R3,pay,9", "R4,pay,2", "R5,search,0"]
    survey.write_text("respondent_id,touchpoint,nps\n" + "\n".join(rows) + "\n", encoding="utf-8")
    imports = EvidenceImports(database, BlobStore(tmp_path / "blobs"), max_bytes=1_000_000)
    request = ImportRequest(team.ws, journey, EvidenceSource.SURVEY, survey)
    imports.import_file(team.editor, request)
    # 75 % promoters - 25 % detractors, from the 4 answers at pay
    expected = ("pay-nps", 50.0, 4, KpiPointSource.IMPORT, 1)
    series = metrics.series(team.owner, team.ws, kpi)
    assert [(p.kpi, p.value, p.n, p.source, p.journey_version) for p in series.points] == [expected]
    assert series.latest_met is True
    again = record_after_import(database, None, team.ws, journey)
    assert [(p.kpi, p.value, p.n, p.source, p.journey_version) for p in again.points] == [expected]
    assert len(metrics.series(team.owner, team.ws, kpi).points) == 2


def test_metrics_name_steps_of_their_journey_and_unique_ids(
    metrics: KeyMetrics, team: Team, journey: UUID, viewer: UUID
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        define(metrics, team, "bad", "conversion", from_step="search", to_step="checkout")
    assert [p.dotted_path for p in raised.value.problems] == ["to_step"]
    with pytest.raises(InvalidInputError) as raised:
        define(metrics, team, "bad", "drop_off")
    assert "needs 'step'" in raised.value.problems[0].message
    define(metrics, team, "pay-drop", "drop_off", step="pay")
    with pytest.raises(AlreadyExistsError):
        define(metrics, team, "pay-drop", "drop_off", step="view")
    with pytest.raises(PermissionDeniedError):
        metrics.define(
            viewer,
            team.ws,
            {"id": "x", "name": "x", "kind": "drop_off", "journey": "checkout", "step": "pay"},
        )
    assert [k.kpi.id for k in metrics.search(viewer, team.ws, journey)] == ["pay-drop"]


def test_before_and_after_two_periods_weighted_by_answers(
    metrics: KeyMetrics, team: Team, journey: UUID
) -> None:
    csat = define(metrics, team, "pay-csat", "csat_at_step", step="pay", target=65)
    for days, value, n in [(0, 40.0, 10), (20, 60.0, 30), (60, 70.0, 10)]:
        point = {"value": value, "n": n, "measured_at": (JAN + timedelta(days=days)).isoformat()}
        metrics.add_point(team.editor, team.ws, csat, point)
    compared = metrics.compare(
        team.owner,
        team.ws,
        csat,
        parse_window("2025-01-01..2025-02-01", "before"),
        parse_window("2025-02-01..2025-04-01", "after"),
    )
    # before: (40 x 10 + 60 x 30) / 40 = 55; after: 70
    assert (compared.before.value, compared.before.n, compared.before.points) == (55.0, 40, 2)
    assert compared.after.value == 70.0
    assert compared.change == pytest.approx(15.0)
    assert compared.improved is True
    assert (compared.before.target_met, compared.after.target_met) == (False, True)


def test_before_and_after_two_journey_versions(
    database: Database, metrics: KeyMetrics, team: Team, journey: UUID
) -> None:
    drop = define(metrics, team, "view-drop", "drop_off", step="view")
    metrics.add_analysis(team.editor, team.ws, journey, analysis(view=150))  # 33.3 % drop
    with database.writing() as session:
        Journeys(session).update(
            team.ws, journey, make_journey(title="Checkout v2"), expected_version=1, by=None
        )
    metrics.add_analysis(team.editor, team.ws, journey, analysis(view=125))  # 20 % drop
    compared = metrics.compare(
        team.owner, team.ws, drop, JourneyVersion(version=1), JourneyVersion(version=2)
    )
    assert compared.before.value == pytest.approx(100 * 50 / 150)
    assert compared.after.value == pytest.approx(100 * 25 / 125)
    assert compared.improved is True  # a lower drop-off is better


def test_a_manual_point_needs_a_time_zone(metrics: KeyMetrics, team: Team, journey: UUID) -> None:
    kpi = define(metrics, team, "pay-ces", "ces_at_step", step="pay")
    with pytest.raises(InvalidInputError) as raised:
        metrics.add_point(
            team.editor, team.ws, kpi, {"value": 5, "measured_at": "2025-01-01T10:00"}
        )
    assert [p.dotted_path for p in raised.value.problems] == ["measured_at"]
    added = metrics.add_point(team.editor, team.ws, kpi, {"value": 5.5})
    assert (added.kpi, added.source, added.journey_version) == ("pay-ces", KpiPointSource.MANUAL, 1)


def test_the_chart_is_svg_and_png_drawn_from_it(
    metrics: KeyMetrics, team: Team, journey: UUID
) -> None:
    kpi = define(
        metrics, team, "search-to-pay", "conversion", from_step="search", to_step="pay", target=60
    )
    metrics.add_analysis(team.editor, team.ws, journey, analysis())
    svg = metrics.chart(team.owner, team.ws, kpi, ChartFormat.SVG).decode()
    assert svg.lstrip().startswith(("<svg", "<?xml"))
    assert "search to pay" in svg
    assert "50%" in svg
    png = metrics.chart(team.owner, team.ws, kpi, ChartFormat.PNG)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_window_is_a_period_or_a_version() -> None:
    assert parse_window("v3", "after") == JourneyVersion(version=3)
    period = parse_window("2025-01-01..2025-02-01T12:00+01:00", "before")
    assert period.start == JAN  # type: ignore[union-attr]
    assert period.end == datetime(2025, 2, 1, 11, tzinfo=UTC)  # type: ignore[union-attr]
    for text, message in [
        ("2025-01-01", "START..END"),
        ("2025-02-01..2025-01-01", "end must be after start"),
        ("soon..later", "is not a date"),
        ("v0", "greater than or equal to 1"),
    ]:
        with pytest.raises(InvalidInputError) as raised:
            parse_window(text, "before")
        assert raised.value.problems[0].dotted_path.startswith("before")
        assert message in raised.value.problems[0].message
