"""Per-step aggregates on small sets worked out by hand, pain rules and emotion disagreement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmap.model.evidence import (
    EvidenceDraft,
    EvidenceItem,
    MappingMethod,
    PainReason,
    Ratings,
    StepMapping,
)
from cxmap.model.evidence_stats import (
    PainThresholds,
    complaints_rose,
    emotion_disagreement,
    net_promoter,
    summarise,
)
from cxmap.model.journey import EvidenceKind, Journey
from cxmap.model.validation import parse_journey

JOURNEY_ID = UUID(int=1)
JANUARY = datetime(2024, 1, 10, 12, tzinfo=UTC)
SPLIT = datetime(2024, 2, 1, tzinfo=UTC)
MARCH = datetime(2024, 3, 10, 12, tzinfo=UTC)


def journey(emotion: float | None = None) -> Journey:
    pay = {"id": "pay", "name": "Pays by card"} | (
        {"emotion": emotion} if emotion is not None else {}
    )
    return parse_journey(
        {
            "id": "shop",
            "title": "Shop",
            "stages": [
                {"id": "buy", "name": "Buy", "steps": [pay, {"id": "confirm", "name": "Confirms"}]},
                {"id": "get", "name": "Get", "steps": [{"id": "receive", "name": "Receives"}]},
            ],
        }
    )


def item(
    step: str | None,
    sentiment: float | None = None,
    *,
    nps: int | None = None,
    csat: int | None = None,
    ces: int | None = None,
    department: str = "",
    kind: EvidenceKind = EvidenceKind.SURVEY,
    when: datetime | None = None,
) -> EvidenceItem:
    method = MappingMethod.UNMAPPED if step is None else MappingMethod.COLUMN
    return EvidenceItem(
        id=uuid4(),
        journey_id=JOURNEY_ID,
        draft=EvidenceDraft(
            kind=kind,
            text="words",
            ratings=Ratings(nps=nps, csat=csat, ces=ces),
            department=department,
            occurred_at=when,
        ),
        mapping=StepMapping(step=step, method=method, confidence=1.0 if step else 0.0),
        sentiment=sentiment,
        imported_at=MARCH,
    )


# Five items at `pay`, worked out by hand:
#   sentiment -0.5 -0.3 -0.6 -0.2 -0.4: mean -0.4; squared deviations .01 .01 .04 .04 0 = .10;
#     s^2 = .10/4 = .025, se = sqrt(.025/5) = .0707107, t(4) = 2.776445, half = .196324
#     -> -0.596324 .. -0.203676 (entirely below 0: a pain point, n = 5 = min_n).
#   emotion = 2 x sentiment: -0.8, -1.192648 .. -0.407352.
#   NPS 10 9 7 3 0: 2 promoters, 2 detractors -> 0; scores +100 +100 0 -100 -100 have
#     s = 100, se = 44.72136, half = 124.166 -> clipped to -100 .. 100.
#   CSAT 5 4 2 1 3: 2 of 5 are 4-5 -> 40 %, Wilson 11.762 .. 76.928 (under 70 %: pain).
#   CES 2 3 4 5 6: mean 4, 2.036757 .. 5.963243.
#   departments: support 3 (chat 2, survey 1; mean (-.5 -.3 -.6)/3 = -.466667),
#     marketing 2 (survey 2; mean (-.2 -.4)/2 = -.3).
PAY = [
    item("pay", -0.5, nps=10, csat=5, ces=2, department="Support", kind=EvidenceKind.CHAT),
    item("pay", -0.3, nps=9, csat=4, ces=3, department="Support", kind=EvidenceKind.CHAT),
    item("pay", -0.6, nps=7, csat=2, ces=4, department=" Support "),
    item("pay", -0.2, nps=3, csat=1, ces=5, department="Marketing"),
    item("pay", -0.4, nps=0, csat=3, ces=6, department="Marketing"),
]
CONFIRM = [item("confirm", 0.5, nps=10)]
IGNORED = [item(None, -0.9, nps=0), item("gone", -0.9, nps=0)]


def summary() -> dict[str, object]:
    return dict(summarise([*PAY, *IGNORED, *CONFIRM], journey()))


def test_every_step_is_summarised_in_journey_order() -> None:
    assert list(summary()) == ["pay", "confirm", "receive"]


def test_sentiment_mean_and_t_interval_by_hand() -> None:
    pay = summarise(PAY, journey())["pay"]
    assert pay.items == 5
    assert pay.sentiment is not None
    assert pay.sentiment.n == 5
    assert pay.sentiment.mean == pytest.approx(-0.4)
    assert pay.sentiment.interval is not None
    assert pay.sentiment.interval.low == pytest.approx(-0.596324, abs=1e-6)
    assert pay.sentiment.interval.high == pytest.approx(-0.203676, abs=1e-6)


def test_derived_emotion_is_twice_the_sentiment_with_its_n() -> None:
    emotion = summarise(PAY, journey())["pay"].emotion
    assert emotion is not None
    assert emotion.n == 5
    assert emotion.mean == pytest.approx(-0.8)
    assert emotion.interval is not None
    assert emotion.interval.low == pytest.approx(-1.192648, abs=1e-6)
    assert emotion.interval.high == pytest.approx(-0.407352, abs=1e-6)


def test_nps_csat_and_ces_by_hand() -> None:
    pay = summarise(PAY, journey())["pay"]
    assert pay.nps is not None
    assert pay.nps.mean == 0
    assert pay.nps.interval is not None
    assert (pay.nps.interval.low, pay.nps.interval.high) == (-100, 100)
    assert pay.csat is not None
    assert pay.csat.mean == 40
    assert pay.csat.interval is not None
    assert pay.csat.interval.low == pytest.approx(11.762, abs=1e-3)
    assert pay.csat.interval.high == pytest.approx(76.928, abs=1e-3)
    assert pay.ces is not None
    assert pay.ces.mean == 4
    assert pay.ces.interval is not None
    assert pay.ces.interval.low == pytest.approx(2.036757, abs=1e-6)
    assert pay.ces.interval.high == pytest.approx(5.963243, abs=1e-6)


def test_an_nps_interval_by_hand() -> None:
    # 6 promoters (10), 3 passives (8), 1 detractor (2): p+ = .6, p- = .1, NPS = 50.
    # Standard error with n - 1: 100 * sqrt((.6 + .1 - .5^2) / 9) = 100 * sqrt(.05) = 22.36068;
    # t(9) = 2.262157, half = 2.262157 * 22.36068 = 50.583369 -> -0.583369 .. 100 (clipped).
    nps = net_promoter([10] * 6 + [8] * 3 + [2])
    assert nps is not None
    assert nps.mean == pytest.approx(50)
    assert nps.interval is not None
    assert nps.interval.low == pytest.approx(-0.583369, abs=1e-6)
    assert nps.interval.high == 100


def test_pain_reasons_at_the_default_thresholds() -> None:
    # Sentiment interval below 0 (n = 5), CSAT 40 % < 70 %; NPS 0 is not below 0.
    assert summarise(PAY, journey())["pay"].pain == [PainReason.SENTIMENT, PainReason.CSAT]


def test_thresholds_are_tunable() -> None:
    strict = PainThresholds(nps_below=10, csat_below=30)
    assert summarise(PAY, journey(), thresholds=strict)["pay"].pain == [
        PainReason.SENTIMENT,
        PainReason.NPS,
    ]
    assert summarise(PAY, journey(), thresholds=PainThresholds(min_n=6))["pay"].pain == []


def test_one_item_has_a_mean_but_no_interval_and_proves_nothing() -> None:
    confirm = summarise([*PAY, *CONFIRM], journey())["confirm"]
    assert confirm.items == 1
    assert confirm.sentiment is not None
    assert (confirm.sentiment.n, confirm.sentiment.mean, confirm.sentiment.interval) == (
        1,
        0.5,
        None,
    )
    assert confirm.emotion is not None
    assert (confirm.emotion.mean, confirm.emotion.interval) == (1.0, None)
    assert confirm.nps is not None
    assert confirm.nps.mean == 100
    assert confirm.csat is None
    assert confirm.ces is None
    assert confirm.pain == []


def test_a_step_without_evidence_has_no_aggregates() -> None:
    receive = summarise(PAY, journey())["receive"]
    assert receive.items == 0
    assert receive.sentiment is None
    assert receive.emotion is None
    assert receive.nps is None
    assert receive.departments == []
    assert receive.pain == []


def test_unmapped_items_and_items_of_removed_steps_are_left_out() -> None:
    steps = summarise(IGNORED, journey())
    assert [evidence.items for evidence in steps.values()] == [0, 0, 0]


def test_unscored_items_count_as_items_but_not_in_the_mean() -> None:
    steps = summarise([item("pay", None, csat=5), item("pay", 0.2), item("pay", 0.4)], journey())
    assert steps["pay"].items == 3
    assert steps["pay"].sentiment is not None
    assert steps["pay"].sentiment.n == 2
    assert steps["pay"].sentiment.mean == pytest.approx(0.3)


def test_departments_by_hand() -> None:
    shares = summarise(PAY, journey())["pay"].departments
    assert [(s.department, s.items, s.kinds) for s in shares] == [
        ("Support", 3, {"chat": 2, "survey": 1}),
        ("Marketing", 2, {"survey": 2}),
    ]
    assert shares[0].mean_sentiment == pytest.approx(-1.4 / 3)
    assert shares[1].mean_sentiment == pytest.approx(-0.3)


def test_departments_tie_by_name_and_keep_unscored_groups() -> None:
    shares = summarise([item("pay", department="Sales"), item("pay", department="")], journey())
    assert [(s.department, s.mean_sentiment) for s in shares["pay"].departments] == [
        ("", None),
        ("Sales", None),
    ]


# --- complaint rise -------------------------------------------------------------------------


def negatives(count: int, when: datetime) -> list[EvidenceItem]:
    return [item("pay", -0.6, when=when + timedelta(hours=i)) for i in range(count)]


@pytest.mark.parametrize(
    ("before", "after", "rose"),
    [
        (2, 7, True),  # +5 items and 7 >= 1.5 * 2
        (2, 6, False),  # only +4 items
        (10, 15, True),  # +5 and exactly +50 %
        (11, 16, False),  # +5 but 16 < 16.5
        (0, 5, True),
        (0, 4, False),
        (7, 2, False),
    ],
)
def test_a_complaint_rise_needs_both_the_share_and_the_count(
    before: int, after: int, rose: bool
) -> None:
    items = [*negatives(before, JANUARY), *negatives(after, MARCH)]
    assert complaints_rose(items, SPLIT, PainThresholds()) is rose
    pain = summarise(items, journey(), split=SPLIT)["pay"].pain
    assert (PainReason.COMPLAINT_RISE in pain) is rose


def test_only_dated_negative_items_are_complaints() -> None:
    neutral = [item("pay", -0.04, when=MARCH) for _ in range(10)]  # above VADER's -0.05
    undated = [item("pay", -0.9) for _ in range(10)]
    unscored = [item("pay", None, when=MARCH) for _ in range(10)]
    edge = [item("pay", -0.05, when=MARCH) for _ in range(5)]  # -0.05 is negative
    assert not complaints_rose([*neutral, *undated, *unscored], SPLIT, PainThresholds())
    assert complaints_rose(edge, SPLIT, PainThresholds())


def test_times_without_a_zone_are_utc() -> None:
    naive = [item("pay", -0.6, when=datetime(2024, 2, 1, 0, 30)) for _ in range(5)]
    assert complaints_rose(naive, SPLIT, PainThresholds())
    assert not complaints_rose(naive, datetime(2024, 2, 1, 1, 0), PainThresholds())


def test_no_split_no_complaint_rise() -> None:
    items = negatives(20, MARCH)
    assert PainReason.COMPLAINT_RISE not in summarise(items, journey())["pay"].pain


# --- hand-set emotion against the evidence --------------------------------------------------


def test_a_hand_set_emotion_far_outside_the_interval_disagrees() -> None:
    # Derived -0.8 (-1.19 .. -0.41, n = 5); +1 is outside and 1.8 away.
    mapped = journey(emotion=1)
    evidence = summarise(PAY, mapped)["pay"]
    message = emotion_disagreement(mapped.steps()[0], evidence)
    assert message == (
        "emotion +1 is set by hand, but the evidence says -0.8 (95 % interval -1.2 to -0.4, n = 5)"
    )


@pytest.mark.parametrize(
    ("emotion", "disagrees"),
    [
        (-1.0, False),  # inside -1.19 .. -0.41
        (-0.5, False),  # inside
        (-0.3, False),  # outside, but only 0.5 from -0.8
        (-2.0, True),  # outside and 1.2 away
        (0.5, True),  # outside and 1.3 away
    ],
)
def test_only_outside_and_a_point_away_is_a_disagreement(emotion: float, disagrees: bool) -> None:
    mapped = journey(emotion=emotion)
    found = emotion_disagreement(mapped.steps()[0], summarise(PAY, mapped)["pay"])
    assert (found is not None) is disagrees
    if found is not None:
        assert f"emotion {emotion:+g} is set by hand" in found
        assert "n = 5" in found


def test_no_hand_set_emotion_or_no_interval_is_no_disagreement() -> None:
    plain = journey()
    assert emotion_disagreement(plain.steps()[0], summarise(PAY, plain)["pay"]) is None
    one = journey(emotion=-2)
    single = summarise([item("pay", 0.9)], one)["pay"]
    assert emotion_disagreement(one.steps()[0], single) is None


# --- properties -------------------------------------------------------------------------------

scores = st.floats(min_value=-1, max_value=1, allow_nan=False)
answers = st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=80)


@given(st.lists(scores, min_size=1, max_size=50))
def test_the_derived_emotion_stays_on_the_map_scale(values: list[float]) -> None:
    emotion = summarise([item("pay", value) for value in values], journey())["pay"].emotion
    assert emotion is not None
    assert emotion.n == len(values)
    assert -2 <= emotion.mean <= 2
    if emotion.interval is not None:
        assert -2 <= emotion.interval.low <= emotion.mean <= emotion.interval.high <= 2


@given(answers)
def test_nps_stays_within_minus_100_and_100(values: list[int]) -> None:
    nps = net_promoter(values)
    assert nps is not None
    promoters = sum(1 for v in values if v >= 9)
    detractors = sum(1 for v in values if v <= 6)
    assert nps.mean == pytest.approx(100 * (promoters - detractors) / len(values))
    assert -100 <= nps.mean <= 100
    if nps.interval is not None:
        assert -100 <= nps.interval.low <= nps.mean <= nps.interval.high <= 100
