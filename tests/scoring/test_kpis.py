"""Key metrics measured from evidence and the funnel, and before/after comparisons."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cxmap.model.mining import DfgEdge
from cxmap.model.priorities import (
    Direction,
    JourneyVersion,
    Kpi,
    KpiKind,
    KpiPoint,
    KpiPointSource,
    Period,
)
from cxmap.scoring.kpis import compare, measure, window
from tests.scoring.conftest import funnel_step, mined_from, step_evidence

AT = datetime(2025, 3, 1, tzinfo=UTC)
EVIDENCE = {
    "order-confirmed": step_evidence("order-confirmed", 120, nps=35.5, csat=88.0, ces=5.4),
}
MINED = mined_from(
    [
        funnel_step("review-cart", 1000, drop_off=220, mean_seconds=90),
        funnel_step("enter-details", 780, drop_off=70, mean_seconds=150),
        funnel_step("pay-by-card", 710, drop_off=35, mean_seconds=40),
    ]
)


def kpi(kind: KpiKind, **steps: str) -> Kpi:
    return Kpi.model_validate({"id": "k", "name": "K", "kind": kind, "journey": "shop", **steps})


@pytest.mark.parametrize(
    ("kind", "value"),
    [(KpiKind.NPS_AT_STEP, 35.5), (KpiKind.CSAT_AT_STEP, 88.0), (KpiKind.CES_AT_STEP, 5.4)],
)
def test_survey_kpis_read_the_step_evidence(kind: KpiKind, value: float) -> None:
    point = measure(kpi(kind, step="order-confirmed"), EVIDENCE, None, measured_at=AT)
    assert point == KpiPoint(
        kpi="k", measured_at=AT, value=value, n=120, source=KpiPointSource.IMPORT
    )


def test_conversion_is_cases_at_b_over_cases_at_a() -> None:
    # 710 of 1000 -> 71 %, resting on the 1000 cases at the start step
    point = measure(
        kpi(KpiKind.CONVERSION, from_step="review-cart", to_step="pay-by-card"),
        {},
        MINED,
        measured_at=AT,
        journey_version=4,
    )
    assert point is not None
    assert (point.value, point.n, point.source, point.journey_version) == (
        71.0,
        1000,
        "analysis",
        4,
    )


def test_drop_off_is_the_funnel_share_in_percent() -> None:
    # 220 / 1000 = 22 %
    point = measure(kpi(KpiKind.DROP_OFF, step="review-cart"), {}, MINED, measured_at=AT)
    assert point is not None
    assert (point.value, point.n) == (pytest.approx(22.0), 1000)


def test_time_between_sums_the_time_at_each_step_on_the_way() -> None:
    # review-cart 90 s + enter-details 150 s = 240 s from the cart to paying
    between = kpi(KpiKind.TIME_BETWEEN, from_step="review-cart", to_step="pay-by-card")
    point = measure(between, {}, MINED, measured_at=AT)
    assert point is not None
    assert (point.value, point.n) == (240.0, 710)
    # a direct edge in the log, named by step id, is measured as it is
    edge = DfgEdge(
        source="review-cart", target="pay-by-card", count=12, mean_seconds=75.0, median_seconds=70.0
    )
    direct = MINED.model_copy(update={"dfg": [edge]})
    point = measure(between, {}, direct, measured_at=AT)
    assert point is not None
    assert (point.value, point.n) == (75.0, 12)
    backwards = kpi(KpiKind.TIME_BETWEEN, from_step="pay-by-card", to_step="review-cart")
    assert measure(backwards, {}, MINED, measured_at=AT) is None


def test_nothing_to_measure_gives_none() -> None:
    assert measure(kpi(KpiKind.NPS_AT_STEP, step="nowhere"), EVIDENCE, None) is None
    assert (
        measure(
            kpi(KpiKind.CES_AT_STEP, step="order-confirmed"),
            {"order-confirmed": step_evidence("order-confirmed", 3)},
            None,
        )
        is None
    )
    assert measure(kpi(KpiKind.DROP_OFF, step="review-cart"), {}, None) is None
    assert measure(kpi(KpiKind.CONVERSION, from_step="x", to_step="pay-by-card"), {}, MINED) is None


def point(month: int, value: float, n: int, version: int | None = None) -> KpiPoint:
    return KpiPoint(
        kpi="k",
        measured_at=datetime(2025, month, 15, tzinfo=UTC),
        value=value,
        n=n,
        source=KpiPointSource.IMPORT,
        journey_version=version,
    )


POINTS = [point(1, 40, 100, 1), point(2, 60, 300, 1), point(4, 70, 50, 2), point(5, 62, 150, 2)]
Q1 = Period(start=datetime(2025, 1, 1, tzinfo=UTC), end=datetime(2025, 4, 1, tzinfo=UTC))
Q2 = Period(start=datetime(2025, 4, 1, tzinfo=UTC), end=datetime(2025, 7, 1, tzinfo=UTC))


def test_a_window_is_the_n_weighted_mean() -> None:
    nps = kpi(KpiKind.NPS_AT_STEP, step="s").model_copy(update={"target": 60})
    # Q1: (40 x 100 + 60 x 300) / 400 = 22000 / 400 = 55
    q1 = window(nps, POINTS, Q1)
    assert (q1.points, q1.n, q1.value, q1.target_met) == (2, 400, 55.0, False)
    # without any n: the plain mean (40 + 60) / 2 = 50
    unweighted = [p.model_copy(update={"n": 0}) for p in POINTS]
    assert window(nps, unweighted, Q1).value == 50.0


def test_compare_two_periods_higher_is_better() -> None:
    nps = kpi(KpiKind.NPS_AT_STEP, step="s").model_copy(update={"target": 60})
    # Q2: (70 x 50 + 62 x 150) / 200 = (3500 + 9300) / 200 = 64; change 64 - 55 = 9
    result = compare(nps, POINTS, Q1, Q2)
    assert result.before.value == 55.0
    assert result.after.value == 64.0
    assert result.change == 9.0
    assert result.improved is True
    assert (result.before.target_met, result.after.target_met) == (False, True)


def test_compare_two_versions_lower_is_better() -> None:
    drop = kpi(KpiKind.DROP_OFF, step="s").model_copy(update={"target": 50})
    assert drop.direction == Direction.LOWER_IS_BETTER
    # version 1 is Q1 (55), version 2 is Q2 (64): drop-off went up, which is worse
    result = compare(drop, POINTS, JourneyVersion(version=1), JourneyVersion(version=2))
    assert result.change == 9.0
    assert result.improved is False
    assert result.after.label == "version 2"
    assert (result.before.target_met, result.after.target_met) == (False, False)


def test_compare_with_an_empty_side_says_nothing() -> None:
    nps = kpi(KpiKind.NPS_AT_STEP, step="s")
    result = compare(nps, POINTS, Q1, JourneyVersion(version=7))
    assert result.after.value is None
    assert result.after.points == 0
    assert (result.change, result.improved, result.after.target_met) == (None, None, None)
    other = [p.model_copy(update={"kpi": "other"}) for p in POINTS]
    assert window(nps, other, Q1).points == 0
