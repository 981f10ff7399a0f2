"""Student's t quantiles and the intervals built on them, against published values."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmap.model.confidence_intervals import Z_975, mean_interval, scaled, t_975, wilson_percent
from cxmap.model.evidence import Interval, MeanWithInterval

# Two-sided 95 % (one-sided 0.975) critical values of Student's t, as printed in standard
# tables (e.g. NIST/SEMATECH e-Handbook, table 1.4.2.7.2, three decimals).
PUBLISHED_T = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    15: 2.131,
    20: 2.086,
    25: 2.060,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    50: 2.009,
    60: 2.000,
    80: 1.990,
    100: 1.984,
}


@pytest.mark.parametrize(("df", "published"), PUBLISHED_T.items())
def test_t_quantiles_agree_with_the_published_table(df: int, published: float) -> None:
    assert t_975(df) == pytest.approx(published, abs=0.0006)


def test_t_approaches_the_normal_quantile() -> None:
    assert math.isclose(Z_975, 1.959964, abs_tol=1e-6)
    assert t_975(10_000) == pytest.approx(1.960201, abs=1e-6)  # R: qt(0.975, 10000)
    assert t_975(1_000_000) == pytest.approx(Z_975, abs=1e-5)


def test_t_falls_as_the_sample_grows() -> None:
    values = [t_975(df) for df in range(1, 200)]
    assert all(a > b for a, b in itertools.pairwise(values))


def test_t_needs_a_degree_of_freedom() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        t_975(0)


def test_a_mean_interval_by_hand() -> None:
    # 2, 3, 4, 5, 6: mean 4; squared deviations 4+1+0+1+4 = 10; s^2 = 10/4 = 2.5;
    # se = sqrt(2.5/5) = 0.707107; half = t(4) 2.776445 * 0.707107 = 1.963243.
    found = mean_interval([2, 3, 4, 5, 6])
    assert found is not None
    assert found.n == 5
    assert found.mean == 4
    assert found.interval is not None
    assert found.interval.low == pytest.approx(2.036757, abs=1e-6)
    assert found.interval.high == pytest.approx(5.963243, abs=1e-6)


def test_small_samples() -> None:
    assert mean_interval([]) is None
    assert mean_interval([0.3]) == MeanWithInterval(n=1, mean=0.3, interval=None)
    # Two values 0 and 1: mean 0.5, s = 0.707107, se = 0.5, half = 12.706205 * 0.5.
    two = mean_interval([0.0, 1.0])
    assert two is not None
    assert two.interval is not None
    assert two.interval.low == pytest.approx(0.5 - 6.3531025)
    assert two.interval.high == pytest.approx(0.5 + 6.3531025)


def test_the_interval_is_clipped_to_the_scale() -> None:
    found = mean_interval([-1.0, 1.0], -1, 1)
    assert found is not None
    assert found.interval == Interval(low=-1, high=1)


def test_a_wilson_interval_by_hand() -> None:
    # 2 of 5: p = 0.4, z^2/n = 0.768292; centre = (0.4 + 0.384146) / 1.768292 = 0.443448;
    # half = 1.959964 / 1.768292 * sqrt(0.048 + 0.038415) = 0.325828 -> 11.762 .. 76.928 %.
    found = wilson_percent(2, 5)
    assert found is not None
    assert found.mean == 40
    assert found.interval is not None
    assert found.interval.low == pytest.approx(11.762, abs=1e-3)
    assert found.interval.high == pytest.approx(76.928, abs=1e-3)


def test_wilson_at_the_edges_stays_inside_0_to_100() -> None:
    none, every = wilson_percent(0, 10), wilson_percent(10, 10)
    assert none is not None
    assert every is not None
    # 0 of 10: upper bound z^2/(n + z^2) = 3.841459 / 13.841459 = 27.753 %.
    assert none.interval is not None
    assert every.interval is not None
    assert (none.interval.low, none.interval.high) == (0, pytest.approx(27.753, abs=1e-3))
    assert (every.interval.low, every.interval.high) == (pytest.approx(72.247, abs=1e-3), 100)
    assert wilson_percent(0, 0) is None
    assert wilson_percent(1, 1) == MeanWithInterval(n=1, mean=100, interval=None)


def test_scaling_keeps_n_and_clips() -> None:
    value = MeanWithInterval(n=7, mean=0.9, interval=Interval(low=0.5, high=1.3))
    assert scaled(value, 2, -2, 2) == MeanWithInterval(
        n=7, mean=1.8, interval=Interval(low=1.0, high=2)
    )


finite = st.floats(min_value=-1, max_value=1, allow_nan=False)


@given(st.lists(finite, min_size=2, max_size=60))
def test_a_mean_interval_contains_the_mean(values: list[float]) -> None:
    found = mean_interval(values, -1, 1)
    assert found is not None
    assert found.interval is not None
    assert -1 <= found.interval.low <= found.mean <= found.interval.high <= 1
    assert math.isclose(found.mean, sum(values) / len(values), abs_tol=1e-12)


@given(
    st.integers(min_value=1, max_value=500).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.just(n))
    )
)
def test_a_wilson_interval_contains_the_share(case: tuple[int, int]) -> None:
    successes, n = case
    found = wilson_percent(successes, n)
    assert found is not None
    if n >= 2:
        assert found.interval is not None
        assert 0 <= found.interval.low <= found.mean <= found.interval.high <= 100
