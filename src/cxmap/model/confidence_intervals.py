"""95 % confidence intervals for the small samples a journey step usually has.

Evidence per step is often a handful of items, where the normal approximation is too
narrow, so means use Student's t. The quantiles are exact to six decimals from a table
for 1..30 degrees of freedom and, beyond, the Cornish-Fisher expansion (Abramowitz and
Stegun 26.7.5), off by less than 1e-7 there. Shares (CSAT) use Wilson's score interval,
which stays inside 0..100 % and behaves at 0 % and 100 %. No SciPy: the model stays light.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxmap.model.evidence import Interval, MeanWithInterval

#: The standard normal 97.5 % quantile.
Z_975 = 1.959963984540054

#: Student's t 97.5 % quantiles for 1..30 degrees of freedom.
_T_975 = (
    12.706205,
    4.302653,
    3.182446,
    2.776445,
    2.570582,
    2.446912,
    2.364624,
    2.306004,
    2.262157,
    2.228139,
    2.200985,
    2.178813,
    2.160369,
    2.144787,
    2.131450,
    2.119905,
    2.109816,
    2.100922,
    2.093024,
    2.085963,
    2.079614,
    2.073873,
    2.068658,
    2.063899,
    2.059539,
    2.055529,
    2.051831,
    2.048407,
    2.045230,
    2.042272,
)


def t_975(df: int) -> float:
    """The two-sided 95 % critical value of Student's t with `df` degrees of freedom."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z = Z_975
    terms = (
        (z**3 + z) / 4,
        (5 * z**5 + 16 * z**3 + 3 * z) / 96,
        (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384,
        (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160,
    )
    return z + sum(term / float(df) ** power for power, term in enumerate(terms, start=1))


def mean_interval(
    values: Sequence[float], low: float = -math.inf, high: float = math.inf
) -> MeanWithInterval | None:
    """Mean and t interval (None below two values), clipped to the scale `low..high`."""
    n = len(values)
    if n == 0:
        return None
    mean = math.fsum(values) / n
    if n < 2:
        return MeanWithInterval(n=n, mean=mean, interval=None)
    variance = math.fsum((value - mean) ** 2 for value in values) / (n - 1)
    half = t_975(n - 1) * math.sqrt(variance / n)
    return MeanWithInterval(n=n, mean=mean, interval=_clipped(mean - half, mean + half, low, high))


def wilson_percent(successes: int, n: int) -> MeanWithInterval | None:
    """Share of successes in % with Wilson's 95 % score interval (None below n = 2)."""
    if n == 0:
        return None
    share = successes / n
    if n < 2:
        return MeanWithInterval(n=n, mean=100 * share, interval=None)
    z2 = Z_975**2
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_975 / (1 + z2 / n) * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n))
    # At 0 % and 100 % one bound is exactly the share; rounding must not move it past.
    low, high = min(share, centre - half), max(share, centre + half)
    return MeanWithInterval(n=n, mean=100 * share, interval=_clipped(100 * low, 100 * high, 0, 100))


def scaled(value: MeanWithInterval, factor: float, low: float, high: float) -> MeanWithInterval:
    """The same estimate on another scale (sentiment -1..1 to emotion -2..2)."""
    interval = value.interval
    return MeanWithInterval(
        n=value.n,
        mean=min(high, max(low, factor * value.mean)),
        interval=None
        if interval is None
        else _clipped(factor * interval.low, factor * interval.high, low, high),
    )


def _clipped(
    low: float, high: float, floor: float = -math.inf, ceiling: float = math.inf
) -> Interval:
    return Interval(low=max(floor, low), high=min(ceiling, high))
