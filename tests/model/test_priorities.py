"""The prioritisation types refuse what makes no sense, with a message that names the field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from cxmap.model.priorities import (
    Criterion,
    Direction,
    InputSource,
    JourneyVersion,
    Kpi,
    KpiKind,
    Period,
    ScoreInputs,
    ScoreScale,
    ScoreWeights,
    ScoringSettings,
    SourcedValue,
)


def error_of(model: type[Any], **data: Any) -> tuple[tuple[str | int, ...], str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    first = caught.value.errors()[0]
    return tuple(first["loc"]), str(first["msg"])


def test_default_weights_are_equal_and_valid() -> None:
    weights = ScoreWeights()
    assert {weights.of(c) for c in Criterion} == {1.0}


def test_a_negative_weight_is_refused_at_its_name() -> None:
    loc, message = error_of(ScoreWeights, sales=-0.5)
    assert loc == ("sales",)
    assert "greater than or equal to 0" in message


def test_all_zero_weights_are_refused() -> None:
    _, message = error_of(ScoreWeights, cost=0, sales=0, strategy=0, frequency=0, experience=0)
    assert "at least one weight must be above 0" in message


def test_infinite_weights_and_unknown_criteria_are_refused() -> None:
    assert error_of(ScoreWeights, cost=float("inf"))[0] == ("cost",)
    assert error_of(ScoreWeights, loyalty=1)[0] == ("loyalty",)


def test_scaling_one_weight_leaves_the_others() -> None:
    weights = ScoreWeights(cost=2).scaled(Criterion.COST, 1.2)
    assert weights.cost == pytest.approx(2.4)
    assert weights.sales == 1.0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cost_per_customer", -1, "must not be negative, not -1"),
        ("potential_sales", -0.01, "must not be negative, not -0.01"),
        ("frequency", -3, "must not be negative, not -3"),
        ("strategic_contribution", 0, "must be between 1 and 5, not 0"),
        ("strategic_contribution", 5.5, "must be between 1 and 5, not 5.5"),
        ("experience", -2.5, "must be between -2 and 2, not -2.5"),
    ],
)
def test_inputs_out_of_range_name_the_field(field: str, value: float, message: str) -> None:
    loc, text = error_of(ScoreInputs, **{field: {"value": value}})
    assert loc == (field,)
    assert message in text


def test_inputs_carry_their_source_and_missing_is_none() -> None:
    inputs = ScoreInputs(frequency=SourcedValue(value=120, source=InputSource.EVENT_LOG))
    assert inputs.of(Criterion.FREQUENCY) == SourcedValue(value=120, source="event_log")
    assert inputs.of(Criterion.COST) is None


def test_a_reference_must_be_positive() -> None:
    assert error_of(ScoreScale, cost_reference=0)[0] == ("cost_reference",)
    assert ScoringSettings().scale.sales_reference == 1_000_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "nps_at_step"}, "a nps_at_step metric needs 'step'"),
        ({"kind": "conversion", "from_step": "a"}, "needs 'from_step' and 'to_step'"),
        ({"kind": "time_between", "to_step": "b"}, "needs 'from_step' and 'to_step'"),
    ],
)
def test_a_kpi_needs_the_steps_its_kind_reads(data: dict[str, Any], message: str) -> None:
    _, text = error_of(Kpi, id="k", name="K", journey="j", **data)
    assert message in text


@pytest.mark.parametrize(
    ("kind", "direction"),
    [
        (KpiKind.DROP_OFF, Direction.LOWER_IS_BETTER),
        (KpiKind.TIME_BETWEEN, Direction.LOWER_IS_BETTER),
        (KpiKind.CONVERSION, Direction.HIGHER_IS_BETTER),
        (KpiKind.CES_AT_STEP, Direction.HIGHER_IS_BETTER),
    ],
)
def test_a_kpi_direction_defaults_by_kind(kind: KpiKind, direction: Direction) -> None:
    kpi = Kpi.model_validate(
        {
            "id": "k",
            "name": "K",
            "journey": "j",
            "kind": kind,
            "step": "a",
            "from_step": "a",
            "to_step": "b",
        }
    )
    assert kpi.direction == direction


def test_an_explicit_direction_wins_and_target_checks_follow_it() -> None:
    kpi = Kpi(
        id="k",
        name="K",
        kind=KpiKind.DROP_OFF,
        journey="j",
        step="a",
        target=10,
        direction=Direction.HIGHER_IS_BETTER,
    )
    assert kpi.meets(10) is True
    assert kpi.meets(9.9) is False
    lower = kpi.model_copy(update={"direction": Direction.LOWER_IS_BETTER})
    assert lower.meets(9.9) is True
    assert lower.model_copy(update={"target": None}).meets(1) is None


def test_default_units_by_kind() -> None:
    kpi = Kpi(id="k", name="K", kind=KpiKind.TIME_BETWEEN, journey="j", from_step="a", to_step="b")
    assert kpi.display_unit == "s"
    assert kpi.model_copy(update={"unit": "min"}).display_unit == "min"


def test_a_period_must_end_after_it_starts() -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    _, message = error_of(Period, start=start, end=start)
    assert "end must be after start" in message
    assert JourneyVersion(version=3).label == "version 3"
    assert error_of(JourneyVersion, version=0)[0] == ("version",)
