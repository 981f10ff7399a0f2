"""What the evidence says about each step: counts, means with 95 % intervals, pain, departments.

One pure function computes every per-step number the map, the linter, the scores and the
API show, so they cannot disagree. A pain point is declared only when the evidence is
sure enough: a whole interval below zero, or a score under its threshold with at least
`min_n` answers, or a clear rise in negative items between two periods.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from pydantic import Field

from cxmap.model.confidence_intervals import mean_interval, scaled, wilson_percent
from cxmap.model.evidence import (
    DepartmentShare,
    EvidenceItem,
    MeanWithInterval,
    PainReason,
    Record,
    StepEvidence,
)
from cxmap.model.journey import Journey, Step

#: VADER's own cut-off: a compound score at or below this is a negative text.
NEGATIVE_AT_MOST = -0.05
#: The derived emotion is the mean compound score stretched to the map's -2..2 scale.
EMOTION_PER_SENTIMENT = 2.0


class PainThresholds(Record):
    """When a step's evidence makes it a pain point; a team may tune these per workspace."""

    nps_below: float = Field(default=0, ge=-100, le=100, description="NPS under this is pain.")
    csat_below: float = Field(default=70, ge=0, le=100, description="CSAT % under this is pain.")
    complaint_rise: float = Field(
        default=0.5, ge=0, description="Relative rise in negative items: 0.5 = +50 %."
    )
    complaint_min_increase: int = Field(
        default=5, ge=1, description="...and at least this many more negative items."
    )
    min_n: int = Field(default=5, ge=1, description="Fewer answers than this prove nothing.")


#: The defaults (frozen, so one shared instance is safe).
DEFAULT_THRESHOLDS = PainThresholds()


def summarise(
    items: Sequence[EvidenceItem],
    journey: Journey,
    *,
    thresholds: PainThresholds = DEFAULT_THRESHOLDS,
    split: datetime | None = None,
) -> dict[str, StepEvidence]:
    """Every step of the journey, in journey order, with what its mapped items say.

    Unmapped items and items mapped to a step the journey no longer has are left out.
    `split` divides the items in time for the complaint-rise test (before / from then on).
    """
    by_step: dict[str, list[EvidenceItem]] = {step.id: [] for step in journey.steps()}
    for item in items:
        step = item.mapping.step
        if step is not None and step in by_step:
            by_step[step].append(item)
    return {
        step: step_evidence(step, mapped, thresholds=thresholds, split=split)
        for step, mapped in by_step.items()
    }


def step_evidence(
    step: str,
    items: Sequence[EvidenceItem],
    *,
    thresholds: PainThresholds = DEFAULT_THRESHOLDS,
    split: datetime | None = None,
) -> StepEvidence:
    """The aggregates of one step's items (all assumed to belong to `step`)."""
    sentiment = mean_interval([i.sentiment for i in items if i.sentiment is not None], -1, 1)
    nps = net_promoter([i.draft.ratings.nps for i in items if i.draft.ratings.nps is not None])
    csat_answers = [i.draft.ratings.csat for i in items if i.draft.ratings.csat is not None]
    csat = wilson_percent(sum(1 for answer in csat_answers if answer >= 4), len(csat_answers))
    ces = mean_interval([i.draft.ratings.ces for i in items if i.draft.ratings.ces is not None])
    evidence = StepEvidence(
        step=step,
        items=len(items),
        sentiment=sentiment,
        nps=nps,
        csat=csat,
        ces=ces,
        emotion=None if sentiment is None else scaled(sentiment, EMOTION_PER_SENTIMENT, -2, 2),
        departments=department_shares(items),
    )
    pain = pain_reasons(evidence, thresholds)
    if split is not None and complaints_rose(items, split, thresholds):
        pain.append(PainReason.COMPLAINT_RISE)
    return evidence.model_copy(update={"pain": pain})


def net_promoter(answers: Sequence[int]) -> MeanWithInterval | None:
    """NPS = % promoters (9-10) - % detractors (0-6), with a t interval.

    NPS is the mean of +100 per promoter, 0 per passive and -100 per detractor, so its
    interval is that mean's: half-width t * 100 * sqrt((p+ + p- - (p+ - p-)^2) / (n - 1)).
    """
    scores = [100.0 if answer >= 9 else -100.0 if answer <= 6 else 0.0 for answer in answers]
    return mean_interval(scores, -100, 100)


def pain_reasons(evidence: StepEvidence, thresholds: PainThresholds) -> list[PainReason]:
    """The reasons the step's ratings and sentiment make it a pain point, if any."""
    sure = thresholds.min_n
    reasons = []
    sentiment = evidence.sentiment
    if sentiment and sentiment.n >= sure and sentiment.interval and sentiment.interval.high < 0:
        reasons.append(PainReason.SENTIMENT)
    if evidence.nps and evidence.nps.n >= sure and evidence.nps.mean < thresholds.nps_below:
        reasons.append(PainReason.NPS)
    if evidence.csat and evidence.csat.n >= sure and evidence.csat.mean < thresholds.csat_below:
        reasons.append(PainReason.CSAT)
    return reasons


def complaints_rose(
    items: Iterable[EvidenceItem], split: datetime, thresholds: PainThresholds
) -> bool:
    """More negative items from `split` on than before it: by the relative rise AND by count.

    Only dated, scored items count. Times without a zone are taken as UTC.
    """
    before = after = 0
    cut = _utc(split)
    for item in items:
        when = item.draft.occurred_at
        if when is None or item.sentiment is None or item.sentiment > NEGATIVE_AT_MOST:
            continue
        if _utc(when) < cut:
            before += 1
        else:
            after += 1
    rise = after - before
    return rise >= thresholds.complaint_min_increase and after >= before * (
        1 + thresholds.complaint_rise
    )


def department_shares(items: Iterable[EvidenceItem]) -> list[DepartmentShare]:
    """Who contributed what to a step: most items first, then by name."""
    groups: dict[str, list[EvidenceItem]] = defaultdict(list)
    for item in items:
        groups[item.draft.department.strip()].append(item)
    shares = [
        DepartmentShare(
            department=department,
            items=len(group),
            kinds=dict(sorted(Counter(item.draft.kind.value for item in group).items())),
            mean_sentiment=_mean([i.sentiment for i in group if i.sentiment is not None]),
        )
        for department, group in groups.items()
    ]
    return sorted(shares, key=lambda share: (-share.items, share.department))


def emotion_disagreement(step: Step, evidence: StepEvidence) -> str | None:
    """Why a hand-set emotion contradicts the evidence, or None when it does not.

    It contradicts when it lies outside the derived 95 % interval and is at least one
    whole point away from the derived mean: a small gap is noise, a wide interval is doubt.
    """
    derived = evidence.emotion
    if step.emotion is None or derived is None or derived.interval is None:
        return None
    interval = derived.interval
    inside = interval.low <= step.emotion <= interval.high
    if inside or abs(step.emotion - derived.mean) < 1:
        return None
    return (
        f"emotion {step.emotion:+g} is set by hand, but the evidence says "
        f"{derived.mean:+.1f} (95 % interval {interval.low:+.1f} to {interval.high:+.1f}, "
        f"n = {derived.n})"
    )


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
